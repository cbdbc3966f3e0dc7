// The health gate on policy "ask", in the browser, against the real rig: the stand-in's
// activation runs an HTTP server per vhost (lib/demo/standin/upstreams.mjs) behind Debian's
// real caddy (lib/demo/standin/caddy.mjs), and the app probes through it. A deploy that switches grafana off (its vhost and
// monitor stay) really fails the probe; the deploy page then asks "Roll back" or "Keep".
// Roll back = the same operation as the automatic one: previous generation, revert commit, draft reset.
//
// Run: npm run build && HOMEY_E2E_PORT_OFFSET=… npx playwright test e2e/health-gate.spec.ts
import { caddyProbes, deployHead, DONE, expect, files, gitIn, healthPanel, startHealthy, test } from "./support/health-rig";

test.describe.configure({ mode: "default", timeout: 150_000 });

test("ask: an unhealthy deploy offers Roll back and Keep; Roll back restores the previous generation and reverts the commit @phone", async ({ page, rig }, testInfo) => {
  const good = await startHealthy(page, rig);
  const bad = await rig.repo.commit(files(false, rig.grafanaPort), "homey: grafana off");
  const badId = await deployHead(page, bad);
  const panel = await healthPanel(page, "unhealthy", /waiting for your decision/);
  await expect(panel).toContainText("failed Grafana (service grafana switched): HTTP 502");
  // Both verdicts came from the real Caddy in front of the upstream: 200 while grafana ran, then its 502.
  expect(new Set(caddyProbes(rig, "grafana.example.test"))).toEqual(new Set([200, 502]));
  await expect(panel.getByRole("button", { name: "Keep" })).toBeVisible();
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/health-ask.png`, fullPage: true });

  await panel.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await page.waitForURL((url) => url.pathname !== `/deploys/${badId}` && /\/deploys\/\d+$/.test(url.pathname));
  await expect(page.getByTestId("deploy-action")).toHaveText("rollback (switch --rollback)");
  await expect(page.getByTestId("deploy-status")).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.rev).toBe(good);

  // The bad deploy says it was rolled back, and the repo got the revert commit for alice.
  // (The revert commit and the draft reset follow the generation switch within a moment.)
  await expect(async () => {
    await page.goto(`/deploys/${badId}`);
    await expect(page.getByTestId("health-decision")).toHaveText(/rolled back/, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("health-note")).toContainText(`Rolled back to ${good.slice(0, 7)}`);
  await expect(page.getByTestId("health-note")).toContainText("Revert commit");
  await expect(page.getByRole("button", { name: "Keep" })).toHaveCount(0);
  expect(gitIn(rig.repo.path, "log", "-1", "--format=%an|%s")).toBe(`homey-admin|Revert ${bad.slice(0, 7)}: rolled back deploy #${badId}\n`);
  expect(gitIn(rig.repo.path, "log", "-1", "--format=%B")).toContain("On-behalf-of: alice");
  expect(gitIn(rig.repo.path, "rev-parse", "HEAD:generated")).toBe(gitIn(rig.repo.path, "rev-parse", `${good}:generated`));
});

test("ask: Keep leaves the system as it is and is recorded in the history @phone", async ({ page, rig }) => {
  await startHealthy(page, rig);
  const bad = await rig.repo.commit(files(false, rig.grafanaPort), "homey: grafana off, kept");
  const badId = await deployHead(page, bad);
  await healthPanel(page, "unhealthy", /waiting for your decision/);

  // While it waits, the overview and Quick point at it (derived from the deploy history).
  for (const where of ["/", "/quick"]) {
    await page.goto(where);
    const pointer = page.getByTestId("awaiting-decision");
    await expect(pointer).toHaveText(`Deploy #${badId} is unhealthy: Grafana (HTTP 502) — roll back or keep it → Decide`);
  }
  await page.getByTestId("awaiting-decision").getByRole("link", { name: "Decide" }).click();
  await page.waitForURL(new RegExp(`/deploys/${badId}$`));
  const panel = await healthPanel(page, "unhealthy", /waiting for your decision/);
  await panel.getByRole("button", { name: "Keep" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Keep it" }).click();
  // The page re-renders with the decision (the choice is gone).
  await expect(page.getByTestId("health-decision")).toHaveText(/kept/);
  await expect(panel.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await expect(page.getByTestId("health-note")).toContainText("Kept by alice Example although unhealthy: Grafana (HTTP 502).");
  expect(rig.standin.readActivated()?.configuration.rev).toBe(bad);

  // Decided: the pointer is gone.
  await page.goto("/");
  await expect(page.getByTestId("where-headline")).toBeVisible();
  await expect(page.getByTestId("awaiting-decision")).toHaveCount(0);

  await page.goto("/audit");
  await expect(page.getByText(`kept deploy #${badId} although its health check failed (Grafana (HTTP 502))`)).toBeVisible();
  await expect(page.getByText(`health check after deploy #${badId}: unhealthy — Grafana (HTTP 502)`)).toBeVisible();
});
