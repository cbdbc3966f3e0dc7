// Deploying HEAD from the Deploys page as an admin does: a plain switch (the preview is
// e2e/preview.spec.ts's subject), then the deploy's own page until it has succeeded.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Switches to HEAD (which must be `sha`) without a preview; returns the new deploy's id once it succeeded. */
export async function switchToHead(page: Page, sha: string, timeout = 90_000): Promise<number> {
  await page.goto("/deploys");
  await expect(page.getByTestId("head-sha")).toHaveAttribute("data-sha", sha);
  await page.getByRole("radio", { name: /^switch / }).check();
  await page.getByRole("checkbox", { name: /^Preview first/ }).uncheck();
  await page.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "succeeded", { timeout });
  return Number(new URL(page.url()).pathname.split("/").pop());
}
