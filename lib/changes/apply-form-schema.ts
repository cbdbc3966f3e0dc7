// What the Apply form posts. Pure zod (no server imports), shared by the form and the action.
import { z } from "zod";

export const applyFormSchema = z
  .object({
    message: z.string().max(20_000, "Keep the commit message under 20,000 characters.").default(""),
    defaultMessage: z.string().default(""),
    /** The host name typed to commit a draft with lockout findings anyway. */
    confirmLockout: z.string().max(300, "Type only the host name.").default(""),
  })
  // An unedited message is not sent on: the server writes the summary for what it commits
  // (which may be less than the page showed, if another admin applied in between).
  .transform(({ message, defaultMessage, confirmLockout }) => ({
    message: message.trim() === "" || message.trim() === defaultMessage.trim() ? undefined : message.replace(/\r\n/g, "\n"),
    confirmLockout: confirmLockout.trim() === "" ? undefined : confirmLockout,
  }));

export type ApplyFormInput = z.infer<typeof applyFormSchema>;
