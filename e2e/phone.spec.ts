// The phone: a bottom tab bar instead of a sideways strip, a Quick page whose first switch is
// above the fold on a 390 × 844 phone and whose Apply bar never hides a row, and the files a
// phone needs to put homey-admin on its home screen (public, with nothing from the draft).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const PHONE = { width: 390, height: 844 };

const tabBar = (page: Page) => page.getByTestId("tab-bar");

test("a bottom tab bar on a phone, the side nav on a large screen; the current page is marked @phone", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toHaveCount(1); // the side nav is not rendered visibly on a phone
  await expect(nav).toHaveAttribute("data-testid", "tab-bar");
  await expect(tabBar(page)).toBeVisible();
  // Changes carries the pending count when the draft has uncommitted changes ("Changes, not committed: 3").
  await expect(nav.getByRole("link")).toHaveText(["Overview", "Quick", /^Changes(, not committed: \d+)?$/, "Deploys"]);
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  // The bar is at the bottom edge and every tab is a comfortable touch target.
  const bar = (await tabBar(page).boundingBox())!;
  expect(bar.y + bar.height).toBeCloseTo(PHONE.height, 0);
  for (const tab of [...(await nav.getByRole("link").all()), nav.getByRole("button", { name: "More" })]) {
    const box = (await tab.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }

  await nav.getByRole("link", { name: "Quick" }).click();
  await expect(page).toHaveURL(/\/quick$/);
  // /quick is its own document (app/quick/route.ts): until its stylesheet has loaded, the side
  // nav is in the DOM unstyled (never painted) and would be a second "Main" navigation.
  await page.waitForLoadState("load");
  await expect(nav.getByRole("link", { name: "Quick" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", "page");

  // More holds the rest; a page under More marks both its link and the More tab.
  const more = nav.getByRole("button", { name: "More" });
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("more-menu").getByRole("link")).toHaveText(["Services", "Virtual hosts", "Access rules", "Monitors", "Backups", "History"]);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/phone-more-menu.png` });
  await page.getByTestId("more-menu").getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId("more-menu")).toHaveCount(0); // a new page closes it
  await expect(more).toHaveAttribute("data-current", "yes");
  await more.click();
  await expect(page.getByTestId("more-menu").getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("more-menu")).toHaveCount(0);
  await expect(more).toBeFocused();

  // Large screen: the side nav with every page, no tab bar.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(tabBar(page)).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(10);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
});

for (const scheme of ["light", "dark"] as const) {
  test(`Quick on a 390 × 844 phone (${scheme}): compact rows, the first switch above the fold, the Apply bar never covers a row @phone`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(PHONE);
    // Commit the draft once, so most rows agree (draft = last commit, never deployed from here).
    await page.goto("/changes");
    const applyButton = page.getByRole("button", { name: /^Apply/ }).first();
    if ((await applyButton.count()) > 0 && (await applyButton.isEnabled())) {
      await applyButton.click();
      await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
    }
    await page.goto("/quick");
    // Nothing wider than the phone: a mobile browser would zoom the whole page out.
    expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
    const switches = page.getByRole("switch");
    await expect(switches.first()).toBeVisible();
    const first = (await switches.first().boundingBox())!;
    expect(first.y + first.height, "first switch above the fold").toBeLessThanOrEqual(PHONE.height - 150);

    // The protected notice is one line.
    const note = (await page.getByTestId("protected-note").boundingBox())!;
    expect(note.height).toBeLessThan(32);
    // A row whose draft, commit and deploy agree is one line: no state words shown.
    const rows = page.getByTestId(/^quick-service-/);
    const agreeing = rows.filter({ has: page.locator('[data-differs="no"]') });
    expect(await agreeing.count()).toBeGreaterThan(0);
    for (const row of await agreeing.all()) {
      // Screen-reader only: clipped to 1 px, the switch's description still has the words.
      expect((await row.getByTestId("service-state-line").boundingBox())!.width).toBeLessThanOrEqual(1);
      expect((await row.boundingBox())!.height).toBeLessThanOrEqual(60);
    }

    // Scrolled to the end, the last row sits above the Apply bar, which sits above the tab bar.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastRow = (await rows.last().boundingBox())!;
    const apply = (await page.getByRole("region", { name: "Apply and deploy" }).boundingBox())!;
    const bar = (await tabBar(page).boundingBox())!;
    expect(lastRow.y + lastRow.height, "last row above the Apply bar").toBeLessThanOrEqual(apply.y);
    expect(apply.y + apply.height, "Apply bar above the tab bar").toBeLessThanOrEqual(bar.y);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/quick-phone-${scheme}.png` });
  });
}

test("installable: the manifest, the icons and the favicon are public and hold nothing from the draft @phone", async ({ page, app }) => {
  await page.goto("/");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /\/(icon\.svg|favicon\.ico)/);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#0f172a");

  // No Remote-User (plain fetch, none of the test's headers): what a phone's installer, or anyone, gets.
  const anonymous = { get: (p: string) => fetch(`${app.url}${p}`) };
  {
    const manifest = await anonymous.get("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    const text = await manifest.text();
    const body = JSON.parse(text) as { name: string; display: string; theme_color: string; icons: { src: string; sizes: string }[] };
    expect(body).toMatchObject({ name: "homey-admin", display: "standalone", theme_color: "#0f172a" });
    expect(body.icons.map((i) => i.sizes)).toEqual(["any", "192x192", "512x512"]);
    for (const marker of ["zakobar", "eurovote", "grafana", "alice", "127.0.0.1"]) expect(text).not.toContain(marker);
    for (const src of [...body.icons.map((i) => i.src), "/favicon.ico", "/apple-icon.png"]) {
      const icon = await anonymous.get(src);
      expect(icon.status, src).toBe(200);
      expect(icon.headers.get("content-type"), src).toMatch(/^image\//);
    }
    // Only those files: the next one is behind sign-in as before.
    expect((await anonymous.get("/icons/other.png")).status).toBe(401);
    expect((await anonymous.get("/")).status).toBe(401);
  }
});
