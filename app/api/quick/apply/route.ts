// Apply & deploy from the quick-toggle page: commit the draft (when it moved) and deploy
// exactly the state the admin confirmed (its fingerprint, lib/quick/quick-toggle.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyAndDeploy } from "@/lib/apply/apply-and-deploy";
import { jsonAction } from "@/lib/http/json-action";
import { repoSettingsFromEnv } from "@/lib/repo/settings";

const applySchema = z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Reload the page: the confirmed summary is missing.") });

export function POST(request: Request) {
  return jsonAction(request, applySchema, async (admin, { fingerprint }) => {
    try {
      const result = await applyAndDeploy({ admin, settings: repoSettingsFromEnv(), fingerprint });
      return {
        ok: true,
        message: result.committed ? `Committed ${result.shortSha}; deploying it.` : `Deploying ${result.shortSha}.`,
        details: { deployId: result.deployId, sha: result.sha, shortSha: result.shortSha },
      };
    } finally {
      // A commit may have been made before the deploy was refused; the summary moved either way.
      revalidatePath("/", "layout");
    }
  });
}
