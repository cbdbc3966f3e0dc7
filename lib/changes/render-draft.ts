// Rendering the draft, with the renderer's refusals turned into the app's error type.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { withoutModuleManaged } from "@/lib/model/module-managed";
import { moduleManagedConfig } from "@/lib/model/module-managed-config";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { NixError } from "@/lib/nix/errors";
import { renderGeneratedFiles } from "@/lib/nix/render";
import type { FolderFiles } from "@/lib/repo/read-files";

/** generated/ for the draft; what the NixOS module defines itself (lib/model/module-managed.ts) is left out. */
export function renderDraft(snapshot: DraftSnapshot): FolderFiles {
  try {
    return renderGeneratedFiles(withoutModuleManaged(snapshot, moduleManagedConfig()));
  } catch (e) {
    if (e instanceof NixError) {
      throw new AppError("NIX_INVALID", `The draft cannot be rendered into Nix: ${e.message}. Fix it in the dashboard; nothing was written.`);
    }
    throw e;
  }
}
