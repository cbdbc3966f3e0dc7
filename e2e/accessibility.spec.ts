// axe on every page (no serious or critical violations), at desktop and phone size, and a
// screenshot of each written to e2e/screenshots/ for a person to look at.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";

const PAGES: { name: string; path: string }[] = [
  { name: "overview", path: "/" },
  { name: "services", path: "/services" },
  { name: "service-edit", path: "/services/1" },
  { name: "service-new", path: "/services/new" },
  { name: "vhosts", path: "/vhosts" },
  { name: "vhost-edit", path: "/vhosts/1" },
  { name: "access-rules", path: "/access-rules" },
  { name: "access-rule-edit", path: "/access-rules/1" },
  { name: "monitors", path: "/monitors" },
  { name: "monitor-edit", path: "/monitors/1" },
  { name: "backups", path: "/backups" },
  { name: "backup-edit", path: "/backups/1" },
  { name: "changes", path: "/changes" },
  { name: "deploys", path: "/deploys" },
  { name: "quick", path: "/quick" },
  { name: "audit", path: "/audit" },
];

for (const { name, path } of PAGES) {
  test(`${name} has no serious accessibility violations @phone`, async ({ page }, testInfo) => {
    const response = await page.goto(path);
    expect(response?.status(), `${path} answered`).toBe(200);
    await expect(page.locator("main")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    // No horizontal scroll at any size.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
    await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/${name}.png`, fullPage: true });
  });
}
