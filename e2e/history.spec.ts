// History people can read: a toggle, an edit, an apply and a deploy through the real app and
// rig, then the History page tells them as sentences on one timeline (deploys merged in),
// linking to what they name, with a before → after table; filters by area and actor; the
// overview shows the last five.
import type { Page } from "@playwright/test";
import { deployTest as test, expect } from "./support/deploy-rig";

test.describe.configure({ mode: "default", timeout: 120_000 });

const entries = (page: Page) => page.getByTestId("timeline-entry");

test("toggle, edit, apply and deploy read as sentences on one timeline, with links, a field table and filters @phone", async ({ page }, testInfo) => {
  // The rig's repo starts with a stub: commit the whole draft first, so the next apply is only ours.
  await page.goto("/changes");
  const baseline = page.getByRole("button", { name: /^Apply/ }).first();
  if ((await baseline.count()) > 0 && (await baseline.isEnabled())) {
    await baseline.click();
    await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
  }

  // A switch, in the direction it went.
  await page.goto("/quick");
  // systemd-exporter moves nothing with it (no vhost, no monitor), and no other spec relies on
  // its state: the specs of one worker share one app server.
  const exporter = page.getByTestId("quick-service-systemd-exporter").getByRole("switch");
  const flip = async (on: boolean) => {
    await exporter.click();
    await expect(exporter).toHaveAttribute("aria-checked", String(on));
    await expect(exporter).toBeEnabled();
  };
  if ((await exporter.getAttribute("aria-checked")) === "false") await flip(true);
  await flip(false);

  // An edit of a vhost's port.
  await page.goto("/vhosts");
  await page.getByRole("row", { name: /grafana/ }).getByRole("link").first().click();
  const port = page.getByLabel("Upstream port");
  const before = await port.inputValue();
  const after = String(Number(before) + 1);
  await port.fill(after);
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved");

  // Apply, then deploy what was committed.
  await page.goto("/changes");
  await page.getByRole("button", { name: /^Apply/ }).first().click();
  await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
  await page.goto("/deploys");
  const sha = (await page.getByTestId("head-sha").getAttribute("data-sha"))!;
  await page.getByRole("radio", { name: /^switch / }).check();
  await page.getByRole("checkbox", { name: /^Preview first/ }).uncheck();
  await page.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  const deployId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("deploy-status")).toContainText("succeeded", { timeout: 90_000 });

  await page.goto("/audit");
  await expect(entries(page).first()).toContainText(`alice Example deployed ${sha.slice(0, 7)} (switch): succeeded · deploy #${deployId}`);
  await expect(entries(page).first().getByRole("link", { name: `deploy #${deployId}` })).toHaveAttribute("href", `/deploys/${deployId}`);
  await expect(entries(page).nth(1)).toContainText(`alice Example applied the draft: commit ${sha.slice(0, 7)}`);
  // The subject names the switch with its direction (the edit follows).
  await expect(entries(page).nth(1)).toContainText(/“homey-admin: disable systemd-exporter[;( ]/);
  const edit = entries(page).filter({ hasText: "alice Example changed vhost grafana" }).first();
  const table = edit.getByRole("table", { name: "Changed fields, before and after" });
  await expect(table.getByRole("row", { name: `port ${before} ${after}` })).toBeVisible();
  await expect(edit).not.toContainText("{");
  const toggled = entries(page).filter({ hasText: "alice Example disabled systemd-exporter" }).first();
  await expect(toggled).toBeVisible();
  await toggled.getByRole("link", { name: "systemd-exporter" }).click();
  await expect(page).toHaveURL(/\/services\/\d+$/);

  // Filters: by area (deploys only), by actor (a plain GET form).
  await page.goto("/audit");
  await page.getByRole("navigation", { name: "Filter by area" }).getByRole("link", { name: "Deploys" }).click();
  await expect(page).toHaveURL(/area=deploy/);
  await expect(entries(page)).not.toHaveCount(0);
  for (const entry of await entries(page).all()) await expect(entry).toHaveAttribute("data-kind", "deploy");
  await page.getByRole("navigation", { name: "Filter by area" }).getByRole("link", { name: "All" }).click();
  await page.getByLabel("Who").selectOption("alice");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/actor=alice/);
  // The filter is by user name; entries show the display name Authelia sent (Remote-Name).
  for (const entry of (await entries(page).all()).slice(0, 10)) await expect(entry.locator("strong")).toHaveText("alice Example");
  await page.getByRole("navigation", { name: "Filter by area" }).getByRole("link", { name: "All" }).click();
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/history.png`, fullPage: true });

  // The overview: the last five, compact (sentence and time, no tables).
  await page.goto("/");
  const recent = page.getByRole("region", { name: "Recent changes" }).getByTestId("timeline-entry");
  await expect(recent).toHaveCount(5);
  await expect(recent.first()).toContainText(`deployed ${sha.slice(0, 7)}`);
  await expect(page.getByRole("region", { name: "Recent changes" }).getByRole("table")).toHaveCount(0);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/overview-history.png`, fullPage: true });
});
