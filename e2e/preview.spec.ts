// Preview before switch, through the real app and rig: a service switched off, applied and
// deployed shows its unit among the units that will stop (the stand-in computes it from the
// running and the new system, as NixOS does), nothing is activated until the admin confirms,
// and the confirmed switch activates that very build. The deployed commit has its own page.
import type { Page } from "@playwright/test";
import { deployTest as test, expect } from "./support/deploy-rig";

test.describe.configure({ mode: "default", timeout: 180_000 });

// node-exporter: a native service with no vhost or monitor that no other spec relies on
// (the specs of one worker share one app server and one rig).
const SERVICE = "node-exporter";
const UNIT = "node-exporter.service";

/** The service's settings in an activated configuration. */
function serviceIn(activated: { configuration: { homey: Record<string, unknown> } } | null): unknown {
  const services = activated?.configuration.homey.services;
  return services && typeof services === "object" ? (services as Record<string, unknown>)[SERVICE] : undefined;
}

async function setService(page: Page, on: boolean) {
  await page.goto("/quick");
  const row = page.getByTestId(`quick-service-${SERVICE}`);
  const toggle = row.getByRole("switch");
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) {
    await toggle.click();
    // The switch shows the new value at once; the save is done when the row is no longer busy.
    await expect(toggle).toHaveAttribute("aria-checked", String(on));
    await expect(row).not.toHaveAttribute("aria-busy", "true");
    await expect(row.getByTestId("toggle-error")).toHaveCount(0);
    // Saved in the draft, not only shown: a fresh page says so.
    await page.reload();
    await expect(toggle).toHaveAttribute("aria-checked", String(on));
  }
}

/** Commits the draft when there is something to commit; `required`: there must be (the spec just changed it). */
async function applyIfPending(page: Page, required = false) {
  await page.goto("/changes");
  const apply = page.getByRole("button", { name: /^Apply/ }).first();
  if ((await apply.count()) === 0) {
    // Say what the page said: without it, the preview of an unchanged HEAD fails far from the cause.
    if (required) throw new Error(`${SERVICE} was switched in the draft, but /changes offers no Apply: ${(await page.getByRole("main").innerText()).slice(0, 600)}`);
    return;
  }
  // Something is pending: it must be committable (a silent skip would preview the old commit).
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
}

/** Deploys HEAD as a switch from the Deploys page; returns HEAD's SHA and the deploy's id. */
async function deployHead(page: Page, preview: boolean): Promise<{ sha: string; id: number }> {
  await page.goto("/deploys");
  const sha = (await page.getByTestId("head-sha").getAttribute("data-sha"))!;
  await page.getByRole("radio", { name: /^switch / }).check();
  const box = page.getByRole("checkbox", { name: /^Preview first/ });
  await expect(box).toBeChecked(); // on by default
  if (!preview) await box.uncheck();
  await page.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  return { sha, id: Number(new URL(page.url()).pathname.split("/").pop()) };
}

test("a service switched off: the preview says its unit stops, nothing runs until confirmed, the switch reuses the build @phone", async ({ page, rig }) => {
  // What runs first: the whole draft with the service on (a straight switch).
  await applyIfPending(page);
  await setService(page, true);
  await applyIfPending(page);
  await deployHead(page, false);
  await expect(page.getByTestId("deploy-status")).toContainText("succeeded", { timeout: 90_000 });
  expect(serviceIn(rig.standin.readActivated())).toEqual({ enable: true });

  // Off → Apply → Deploy: a preview.
  await setService(page, false);
  await applyIfPending(page, true);
  const { sha, id: previewId } = await deployHead(page, true);
  await expect(page.getByTestId("deploy-action")).toHaveText("dry-activate");
  const preview = page.getByTestId("preview");
  await expect(preview).toBeVisible({ timeout: 90_000 });
  // Exactly its unit, and nothing else changes (the running system differs only by the switch).
  await expect(preview.getByTestId("preview-stop").getByRole("listitem"))
    .toHaveText([UNIT])
    .catch(async (e: Error) => {
      throw new Error(`${e.message}\nThe preview of ${sha.slice(0, 7)} said: ${await preview.innerText()}\nThe stand-in runs: ${JSON.stringify(rig.standin.readActivated()?.configuration.rev)}`);
    });
  for (const group of ["start", "restart", "reload", "notRestarted"]) await expect(preview.getByTestId(`preview-${group}`)).toHaveCount(0);
  await expect(preview.getByTestId("preview-outages")).toHaveCount(0);
  await expect(preview.getByTestId("preview-packages")).toContainText("Package changes");
  // Nothing was activated by the preview.
  const before = rig.standin.readActivated()!;
  expect(before.configuration.rev).not.toBe(sha);
  expect(serviceIn(before)).toEqual({ enable: true });

  // Confirm: a switch to the build the preview made.
  await preview.getByRole("button", { name: `Switch to ${sha.slice(0, 7)}…` }).click();
  const dialog = page.getByRole("dialog", { name: `Switch to ${sha.slice(0, 7)}?` });
  const built = (await dialog.locator("code").first().textContent())!.trim();
  await dialog.getByRole("button", { name: "Switch now" }).click();
  await page.waitForURL((url) => /\/deploys\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${previewId}`));
  await expect(page.getByTestId("deploy-action")).not.toHaveText("dry-activate");
  await expect(page.getByTestId("deploy-status")).toContainText("succeeded", { timeout: 90_000 });
  const log = page.getByTestId("log-view");
  await expect(log).toContainText(`stopping the following units: ${UNIT}`);
  await expect(log).toContainText("no new build");
  await expect(log).not.toContainText("building the system configuration");

  const activated = rig.standin.readActivated()!;
  expect(activated.system).toBe(built);
  expect(activated.configuration.rev).toBe(sha);
  expect(serviceIn(activated)).toEqual({ enable: false });

  // The deploy links to its commit's page: subject, author, what changed, the diff.
  await page.getByTestId("deploy-sha").click();
  await expect(page).toHaveURL(new RegExp(`/commits/${sha}$`));
  await expect(page.getByTestId("commit-subject")).toContainText(`disable ${SERVICE}`);
  await expect(page.getByTestId("commit-author")).toContainText("alice");
  await expect(page.getByRole("heading", { name: "What it changed" })).toBeVisible();
  await expect(page.getByText("generated/services.nix").first()).toBeVisible();
  // Fits a phone: nothing wider than the viewport.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
