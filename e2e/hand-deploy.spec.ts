// A hand deploy, detected: after homey-admin deployed HEAD (in sync), someone commits to the
// homey repo outside the app and runs nixos-rebuild from a terminal — the stand-in, spawned
// directly, not through homey-admin. The overview and Quick then say what runs on the target
// (read from it, lib/deploy/running-revision.ts) and that homey-admin did not deploy it.
//
// Run: npm run build && HOMEY_E2E_PORT_OFFSET=… npx playwright test e2e/hand-deploy.spec.ts
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { switchToHead } from "./support/deploy-page";
import { deployTest as test, expect } from "./support/deploy-rig";

const run = promisify(execFile);

test.describe.configure({ mode: "default", timeout: 180_000 });

const DONE = 90_000;
/** The running revision is cached 15 s (RUNNING_REVISION_TTL_MS); a hand deploy shows within that, plus a page load. */
const CACHE_WAIT = 30_000;
const short = (sha: string) => sha.slice(0, 7);

/** Commits the draft when there is something to commit, so the headline is about HEAD and the target only. */
async function applyIfPending(page: Page) {
  await page.goto("/changes");
  const apply = page.getByRole("button", { name: /^Apply/ }).first();
  if ((await apply.count()) > 0 && (await apply.isEnabled())) {
    await apply.click();
    await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
  }
}


/** The headline on a page, reloading until it says `text` (the running revision's cache may be older). */
async function expectHeadline(page: Page, where: string, text: string, kind: string) {
  await expect(async () => {
    await page.goto(where);
    const headline = page.getByTestId("where-headline");
    await expect(headline).toHaveAttribute("data-kind", kind, { timeout: 1000 });
    await expect(headline).toContainText(text, { timeout: 1000 });
  }).toPass({ timeout: CACHE_WAIT, intervals: [1000, 2000] });
}

test("a commit switched to from a terminal, outside homey-admin, shows as a hand deploy on the overview and Quick @phone", async ({ page, rig }, testInfo) => {
  // Our own starting point, whatever earlier tests in this worker left: the draft committed,
  // then a fresh HEAD (a file outside generated/, so the draft still equals it) deployed by the app.
  await applyIfPending(page);
  const mine = await rig.repo.commit({ "notes/hand-deploy.md": `start ${testInfo.project.name} ${Date.now()}\n` }, "notes: before the hand deploy");
  await switchToHead(page, mine, DONE);
  expect(rig.standin.readActivated()?.configuration.rev).toBe(mine);
  await expectHeadline(page, "/", `in sync: ${short(mine)} runs on pi-main`, "in_sync");

  // Someone on a laptop: a commit in the homey repo, then nixos-rebuild switch by hand.
  const hand = await rig.repo.commit({ "notes/hand-deploy.md": `edited by hand ${Date.now()}\n` }, "notes: edited on a laptop");
  const nixosRebuild = path.resolve("lib/demo/standin/bin/nixos-rebuild");
  await run(nixosRebuild, ["switch", "--flake", `git+file://${rig.repo.path}?rev=${hand}#pi-main`], {
    env: { ...process.env, ...rig.standin.env },
    timeout: DONE,
  });
  expect(rig.standin.readActivated()?.configuration.rev).toBe(hand);

  // homey-admin did not deploy it, and its own history does not say so: the target does.
  const foreign = `pi-main runs ${short(hand)}, which homey-admin did not deploy (deployed by hand?)`;
  await expectHeadline(page, "/", foreign, "foreign");
  // HEAD is what runs, so no Deploy is offered; the note says the configuration matches the repo.
  const headline = page.getByTestId("where-headline");
  await expect(headline.getByRole("link")).toHaveCount(0);
  await expect(headline).toContainText(`${short(hand)} is HEAD`);
  // The last-deploy card does not contradict it from the app's own history ("behind HEAD: it runs <mine>").
  const card = page.getByTestId("behind-head");
  await expect(card).toHaveAttribute("data-behind", "outside-app");
  await expect(card).toHaveText(`The target runs ${short(hand)}, not homey-admin's last deploy (${short(mine)}): it was switched outside the app.`);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/hand-deploy.png`, fullPage: true });
  await expectHeadline(page, "/quick", foreign, "foreign");
});
