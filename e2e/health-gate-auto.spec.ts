// The health gate on policy "auto", in the browser, against the real rig (e2e/support/health-rig.ts):
// an unhealthy switch is rolled back without asking — previous generation, a revert commit by
// homey-admin, the draft reset to it — so HEAD, the draft and the Pi agree.
//
// Run: npm run build && HOMEY_E2E_PORT_OFFSET=… npx playwright test e2e/health-gate-auto.spec.ts
import { deployHead, expect, files, gitIn, healthPanel, startHealthy, test } from "./support/health-rig";

test.use({ gate: "auto" });
test.describe.configure({ mode: "default", timeout: 150_000 });

test("auto: an unhealthy switch is rolled back without asking, reverted in the repo, and the draft reset to it @phone", async ({ page, rig }) => {
  const good = await startHealthy(page, rig);
  const bad = await rig.repo.commit(files(false, rig.grafanaPort), "homey: grafana off, unattended");
  // The admin also switched grafana off in the draft (the change that is about to fail).
  await page.goto("/quick");
  const grafana = page.getByTestId("quick-service-grafana");
  if ((await grafana.count()) > 0 && (await grafana.getByRole("switch").getAttribute("aria-checked")) === "true") {
    await grafana.getByRole("switch").click();
    const confirm = grafana.getByTestId("toggle-confirm");
    await expect(grafana.getByRole("switch").and(page.locator('[aria-checked="false"]')).or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole("button", { name: "Switch off" }).click();
    await expect(grafana.getByRole("switch")).toHaveAttribute("aria-checked", "false");
    await expect(grafana).not.toHaveAttribute("aria-busy", "true");
  }
  const badId = await deployHead(page, bad);
  await healthPanel(page, "unhealthy");
  // No choice is offered: the policy decides, and the page says what it did.
  await expect(async () => {
    await page.goto(`/deploys/${badId}`);
    await expect(page.getByTestId("health-decision")).toHaveText(/rolled back/, { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole("button", { name: "Keep" })).toHaveCount(0);
  await expect(page.getByTestId("health-note")).toContainText(`Rolled back to ${good.slice(0, 7)}`);

  // The Pi runs the good configuration again, the repo has the revert commit, and nothing re-applies the bad change.
  expect(rig.standin.readActivated()?.configuration.rev).toBe(good);
  expect(gitIn(rig.repo.path, "log", "-1", "--format=%an|%s")).toBe(`homey-admin|Revert ${bad.slice(0, 7)}: rolled back deploy #${badId}\n`);
  expect(gitIn(rig.repo.path, "rev-parse", "HEAD:generated")).toBe(gitIn(rig.repo.path, "rev-parse", `${good}:generated`));
  // The draft was reset to the revert commit: grafana, switched off in the draft before the
  // deploy, is on again there. (This rig's commits are hand-written Nix, not the renderer's
  // layout, so the headline counts layout differences; the in-sync headline after an automatic
  // rollback is proven on rendered commits in lib/rollout/auto-rollback.local.test.ts.)
  await page.goto("/quick");
  await expect(page.getByTestId("quick-service-grafana").getByRole("switch")).toHaveAttribute("aria-checked", "true");
});
