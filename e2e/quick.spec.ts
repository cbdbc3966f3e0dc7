// The quick-toggle page on a phone, against the real deploy rig: a stand-in nixos-rebuild
// that runs a real `nix build` of what Apply committed and records what it activates.
// Toggle a service off → Apply & deploy → the activated configuration has it off → toggle
// it back on → deploy again. Every wait is for something the page shows, never for time.
//
// Run: HOMEY_NEXT_DIST_DIR=.next-quick npx next build && HOMEY_NEXT_DIST_DIR=.next-quick npx playwright test e2e/quick.spec.ts
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { deployTest as test, expect } from "./support/deploy-rig";

test.describe.configure({ mode: "default", timeout: 180_000 });

test.afterEach(({ rig }) => rig.standin.setOptions({}));

/** A build of the whole draft in the rig's private store. */
const DONE = 120_000;

const row = (page: Page, name: string) => page.getByTestId(`quick-service-${name}`);
const toggle = (page: Page, name: string) => row(page, name).getByRole("switch");

/** Switches a service and waits until the draft has it (the switch is usable again). */
async function switchService(page: Page, name: string, on: boolean) {
  await expect(toggle(page, name)).toHaveAttribute("aria-checked", String(!on));
  await toggle(page, name).click();
  // A service with vhosts or monitors asks first (they move with it, ticked by default).
  const confirm = row(page, name).getByTestId("toggle-confirm");
  await expect(toggle(page, name).and(page.locator(`[aria-checked="${on}"]`)).or(confirm)).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole("button", { name: `Switch ${on ? "on" : "off"}` }).click();
  await expect(toggle(page, name)).toHaveAttribute("aria-checked", String(on));
  await expect(row(page, name)).not.toHaveAttribute("aria-busy", "true");
  await expect(toggle(page, name)).toBeEnabled();
  await expect(row(page, name).getByTestId("toggle-error")).toHaveCount(0);
}

/** Apply & deploy with the one confirmation; returns the id of the deploy it started. null: nothing to commit, only deploy. */
async function applyAndDeploy(page: Page, summaryText: string | RegExp | null): Promise<number> {
  const shown = page.getByTestId("quick-deploy");
  const previous = (await shown.count()) > 0 ? await shown.getAttribute("data-deploy-id") : null;
  await page.getByRole("button", { name: "Apply & deploy" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply & deploy?" });
  if (summaryText === null) {
    await dialog.getByRole("button", { name: /^Deploy [0-9a-f]{7}$/ }).click();
  } else {
    await expect(dialog.getByTestId("compact-summary")).toContainText(summaryText);
    await dialog.getByRole("button", { name: "Commit and deploy" }).click();
  }
  await expect(dialog).toBeHidden();
  const deploy = page.getByTestId("quick-deploy");
  await expect(deploy).toBeVisible();
  if (previous) await expect(deploy).not.toHaveAttribute("data-deploy-id", previous);
  return Number(await deploy.getAttribute("data-deploy-id"));
}

test("protected services cannot be switched off, the page says why, and it fits a 375 px phone in light and dark @phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  // The dashboard's navigation (the tab bar on a phone) reaches the page and leads back to the overview.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quick", exact: true }).click();
  await expect(page).toHaveURL(/\/quick$/);
  await expect(page.getByRole("heading", { level: 1, name: "Quick toggle" })).toBeVisible();

  for (const name of ["caddy", "authelia", "openldap", "homey-admin"]) {
    await expect(toggle(page, name)).toBeDisabled();
    await expect(toggle(page, name)).toHaveAttribute("aria-checked", "true");
    await expect(row(page, name).getByTestId("protected-reason")).toContainText("homey's proxy, sign-in and this dashboard depend on it");
  }
  await expect(toggle(page, "authelia")).toHaveAccessibleDescription(/homey's proxy, sign-in and this dashboard depend on it/);
  await expect(page.getByTestId("protected-note")).toContainText("authelia, caddy, homey-admin, openldap");
  await expect(toggle(page, "eurovote")).toBeEnabled();

  // The Apply button shows only while something is pending: when an earlier test left the draft
  // committed and running, flip a service that moves nothing else, and flip it back at the end.
  const spare = "node-exporter";
  const spareWas = (await toggle(page, spare).getAttribute("aria-checked")) === "true";
  // (The button also shows, as a deploy only, when the last commit is not running yet: that is
  // not "something pending" for the dialog's summary.)
  const flipped =
    (await page.getByRole("button", { name: "Apply & deploy" }).count()) === 0 ||
    (await page.getByRole("region", { name: "Apply and deploy" }).getByText(/^Nothing to commit/).count()) > 0;
  if (flipped) await switchService(page, spare, !spareWas);

  // Large touch targets: every switch and the Apply button are at least 44 × 44 px.
  for (const target of [...(await page.getByRole("switch").all()), page.getByRole("button", { name: "Apply & deploy" })]) {
    const box = (await target.boundingBox())!;
    expect(box.width, "touch target width").toBeGreaterThanOrEqual(44);
    expect(box.height, "touch target height").toBeGreaterThanOrEqual(44);
  }

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // Tailwind's slate-50 vs slate-950 (as lab() colours: a canvas turns them into RGB).
    const [r, g, b] = await page.evaluate(() => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data);
    });
    const brightness = (r + g + b) / 3;
    if (colorScheme === "dark") expect(brightness, "body background brightness in dark mode").toBeLessThan(60);
    else expect(brightness, "body background brightness in light mode").toBeGreaterThan(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
    // In dark mode only this page's own content: the layout's "signed in as" line (text-slate-500
    // on slate-950) is not part of this page and fails contrast there.
    const axe = new AxeBuilder({ page });
    const results = await (colorScheme === "dark" ? axe.include("main") : axe).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  }

  // The confirmation dialog fits too.
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Apply & deploy" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply & deploy?" });
  await expect(dialog.getByTestId("compact-summary")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  if (flipped) await switchService(page, spare, spareWas);

  // On a phone the tab bar leads back (the "← Overview" link is for the desktop's side nav).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a stale toggle is a version conflict: nothing is overwritten and the switch shows the draft as it is now @phone", async ({ page, context }) => {
  await page.goto("/quick");
  await expect(toggle(page, "nextcloud")).toHaveAttribute("aria-checked", "true");

  // Another admin switches it off from a second tab after this page was loaded.
  const other = await context.newPage();
  await other.goto("/quick");
  await switchService(other, "nextcloud", false);
  await other.close();

  // This page still shows it on; switching it "off" meets a newer version.
  await toggle(page, "nextcloud").click();
  await row(page, "nextcloud").getByTestId("toggle-confirm").getByRole("button", { name: "Switch off" }).click();
  await expect(row(page, "nextcloud").getByTestId("toggle-error")).toContainText("alice changed nextcloud a moment ago; it is now off in the draft");
  await expect(toggle(page, "nextcloud")).toHaveAttribute("aria-checked", "false");

  // Re-read: the next toggle uses the current version and goes through.
  await switchService(page, "nextcloud", true);
  await page.reload();
  await expect(toggle(page, "nextcloud")).toHaveAttribute("aria-checked", "true");
});

test("toggle eurovote off → Apply & deploy → the system runs it off; toggle it back on → deploy → on again @phone", async ({ page, rig }, testInfo) => {
  await page.goto("/quick");
  await expect(toggle(page, "eurovote")).toHaveAttribute("aria-checked", "true");

  // Off in the draft: the three states say so before anything is committed.
  await switchService(page, "eurovote", false);
  await expect(row(page, "eurovote").getByTestId("service-states")).toContainText("draft off");
  await expect(row(page, "eurovote")).toHaveAttribute("data-draft", "off");

  // Slow enough that the running state is on screen before the result.
  rig.standin.setOptions({ stepDelaySeconds: 0.3 });
  const first = await applyAndDeploy(page, "eurovote");
  const deploy = page.getByTestId("quick-deploy");
  await expect(deploy).toHaveAttribute("data-status", "running");
  await expect(page.getByRole("button", { name: "Deploying…" })).toBeDisabled();
  await expect(deploy.getByTestId("quick-deploy-derivations")).toHaveText(/^[0-9]+ \/ [1-9][0-9]* derivations$/);
  await expect(deploy.getByRole("link", { name: "Full log" })).toHaveAttribute("href", `/deploys/${first}`);

  await expect(deploy).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  await expect(deploy.getByTestId("quick-deploy-result")).toContainText(`Deploy #${first}`);
  await expect(deploy.getByTestId("quick-deploy-result")).toContainText("succeeded");
  const activated = rig.standin.readActivated();
  expect(activated?.action).toBe("switch");
  expect(activated?.configuration.homey).toMatchObject({ services: { eurovote: { enable: false } } });

  // After the deploy the page re-reads: committed and running, nothing left to apply.
  await expect(row(page, "eurovote")).toHaveAttribute("data-committed", "off");
  await expect(row(page, "eurovote")).toHaveAttribute("data-deployed", "off");
  await expect(row(page, "eurovote").getByTestId("service-difference")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nothing to apply" })).toBeDisabled();
  await expect(page.getByTestId("apply-deploy-line")).toContainText("The draft is committed and running");
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/quick-deployed.png`, fullPage: true });

  // Back on: the difference is named until it is deployed.
  rig.standin.setOptions({});
  await switchService(page, "eurovote", true);
  await expect(row(page, "eurovote").getByTestId("service-difference")).toHaveText("on in draft, not running yet");
  // The service, its vhost vote and its monitor come back together.
  await expect(page.getByTestId("apply-deploy-line")).toHaveText("3 changes to commit and deploy.");
  const second = await applyAndDeploy(page, "eurovote: disabled → enabled");
  expect(second).toBeGreaterThan(first);
  await expect(deploy).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.homey).toMatchObject({ services: { eurovote: { enable: true } } });
  await expect(row(page, "eurovote")).toHaveAttribute("data-deployed", "on");
  await expect(row(page, "eurovote")).toHaveAttribute("data-committed", "on");
  await expect(page.getByRole("button", { name: "Nothing to apply" })).toBeDisabled();

  // The finished deploy's result can be put away.
  await deploy.getByRole("button", { name: "Dismiss" }).click();
  await expect(deploy).toHaveCount(0);
});

test("a failed deploy shows the error and the way to the full log; the commit stays, the difference is named @phone", async ({ page, rig }) => {
  await page.goto("/quick");
  // From a deployed baseline (when this test runs first in its worker, nothing is deployed yet).
  const applyButton = page.getByRole("button", { name: "Apply & deploy" });
  if ((await applyButton.count()) > 0) {
    await applyButton.click();
    await page.getByRole("dialog", { name: "Apply & deploy?" }).getByRole("button", { name: /^(Commit and deploy|Deploy [0-9a-f]{7})$/ }).click();
    await expect(page.getByTestId("quick-deploy")).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
    await expect(page.getByRole("button", { name: "Nothing to apply" })).toBeDisabled();
  }
  await switchService(page, "attic", false);
  rig.standin.setOptions({ failBuild: "simulated failure from the quick-toggle test" });
  const id = await applyAndDeploy(page, "attic");
  const deploy = page.getByTestId("quick-deploy");
  await expect(deploy).toHaveAttribute("data-status", "failed", { timeout: DONE });
  const result = deploy.getByTestId("quick-deploy-result");
  await expect(result).toHaveAttribute("role", "alert");
  await expect(result).toContainText(`Deploy #${id}`);
  await expect(result).toContainText("failed");
  await expect(result.getByTestId("quick-deploy-nix-error")).toContainText("failed with exit code 1");
  await expect(result.getByRole("link", { name: `See the full log of Deploy #${id}` })).toHaveAttribute("href", `/deploys/${id}`);
  const running = (rig.standin.readActivated()?.configuration.homey.services ?? {}) as Record<string, { enable?: boolean }>;
  expect(running.attic?.enable, "attic is not switched off on the system").not.toBe(false);

  // Committed, not running: the row says so, and Apply & deploy offers to deploy it again.
  await expect(row(page, "attic").getByTestId("service-difference")).toHaveText("off in the last commit, still running");
  await expect(page.getByTestId("apply-deploy-line")).toContainText("is not running yet");

  // Back on in the draft: it runs as the draft says, only the last commit differs.
  rig.standin.setOptions({});
  await switchService(page, "attic", true);
  await expect(row(page, "attic").getByTestId("service-difference")).toHaveText("on in draft and running, off in the last commit");
  const again = await applyAndDeploy(page, "attic: disabled → enabled");
  await expect(deploy).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.homey).toMatchObject({ services: { attic: { enable: true } } });
  await expect(row(page, "attic").getByTestId("service-difference")).toHaveCount(0);

  // The full log is one tap away.
  await deploy.getByRole("link", { name: "Full log" }).click();
  await expect(page).toHaveURL(new RegExp(`/deploys/${again}$`));
});
