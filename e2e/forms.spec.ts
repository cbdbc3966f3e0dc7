// The shared editor form and the Changes page as an admin meets them: a version conflict that
// keeps what was typed (mine and theirs, keep mine, take theirs), the error summary with focus
// on the first refused field and one-tap fixes, fields that do not apply hidden, hints with the
// real domain; the Changes page's file list, collapsible files, Apply at the top, links from the
// summary, the first-run import as one group; the Changes badge on the phone's tab bar.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { startAppServer } from "./support/app-server";
import { ADMIN, expect, test, unique } from "./support/fixtures";

const DOMAIN = "zakobar.com";
const BOB = { "Remote-User": "bob", "Remote-Groups": "admins" };

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Creates a vhost and opens its editor; returns the subdomain. */
async function newVhost(page: Page, prefix: string, port: string): Promise<string> {
  const sub = unique(prefix).toLowerCase();
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill(port);
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);
  await page.getByRole("link", { name: new RegExp(`^${sub}\\.`) }).click();
  await page.waitForURL(/\/vhosts\/\d+$/);
  return sub;
}

/** Bob opens the same editor and saves a new upstream port there. */
async function bobSavesPort(page: Page, baseURL: string, port: string) {
  const other = await page.context().browser()!.newContext({ baseURL, extraHTTPHeaders: BOB });
  const bob = await other.newPage();
  await bob.goto(page.url());
  await bob.getByLabel("Upstream port").fill(port);
  await bob.getByRole("button", { name: "Save virtual host" }).click();
  await expect(bob.getByRole("status").first()).toContainText("Saved");
  await other.close();
}

test.describe("a version conflict keeps what the admin typed", () => {
  test("mine and theirs per field; Keep mine and save puts mine over their version @phone", async ({ page, app }, testInfo) => {
    const sub = await newVhost(page, "mine", "9101");
    await bobSavesPort(page, app.url, "9102");

    await page.getByLabel("Upstream port").fill("9103");
    await page.getByLabel("Upstream host").fill("10.0.0.5");
    await page.getByRole("button", { name: "Save virtual host" }).click();
    const panel = page.getByTestId("form-message");
    await expect(panel).toContainText("bob saved this virtual host");
    // What was typed is still in the form, and the table shows both sides by the field's label.
    await expect(page.getByLabel("Upstream port")).toHaveValue("9103");
    await expect(page.getByLabel("Upstream host")).toHaveValue("10.0.0.5");
    const portRow = page.getByTestId("conflict-table").getByRole("row", { name: /Upstream port/ });
    await expect(portRow.locator("[data-side=theirs]")).toHaveText("9102");
    await expect(portRow.locator("[data-side=mine]")).toHaveText("9103");
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/form-conflict.png`, fullPage: true });

    await page.getByRole("button", { name: "Keep mine and save" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);
    await expect(page.getByRole("row", { name: new RegExp(sub) })).toContainText("10.0.0.5:9103");
  });

  test("Take theirs loads the current values; the next save is not a conflict", async ({ page, app }) => {
    const sub = await newVhost(page, "theirs", "9201");
    await bobSavesPort(page, app.url, "9202");

    await page.getByLabel("Upstream port").fill("9203");
    await page.getByRole("button", { name: "Save virtual host" }).click();
    await expect(page.getByTestId("conflict-table")).toBeVisible();
    await page.getByRole("button", { name: "Take theirs" }).click();
    await expect(page.getByLabel("Upstream port")).toHaveValue("9202");
    await expect(page.getByTestId("conflict-table")).toHaveCount(0);

    await page.getByLabel("Upstream host").fill("127.0.0.2");
    await page.getByRole("button", { name: "Save virtual host" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);
    await expect(page.getByRole("row", { name: new RegExp(sub) })).toContainText("127.0.0.2:9202");
  });
});

test.describe("after a refused save", () => {
  test("focus goes to the first field in error, the summary links to each, a fixable value is fixed in one tap @phone", async ({ page }, testInfo) => {
    const dir = `/var/lib/${unique("jelly").toLowerCase()}`;
    await page.goto("/backups/new");
    await page.getByLabel("Path").fill(`${dir}/`);
    await page.getByRole("button", { name: "Create backup path" }).click();

    const summary = page.getByTestId("error-summary");
    await expect(summary).toHaveRole("alert");
    await expect(summary.getByRole("link")).toHaveText([`Write the path in normal form: ${dir}`]);
    await expect(page.getByLabel("Path")).toBeFocused();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/form-error-summary.png`, fullPage: true });

    // The summary's link moves focus back to the field.
    await page.getByLabel("Note").focus();
    await summary.getByRole("link").click();
    await expect(page.getByLabel("Path")).toBeFocused();

    await page.getByRole("button", { name: `use ${dir}` }).click();
    await expect(page.getByLabel("Path")).toHaveValue(dir);
    await expect(page.getByLabel("Path")).not.toHaveAttribute("aria-invalid", "true");
    await expect(summary).toHaveCount(0);
    await page.getByRole("button", { name: "Create backup path" }).click();
    await expect(page.getByRole("status").first()).toContainText("Saved");
    await expect(page.getByRole("row", { name: new RegExp(dir.replace(/\//g, "\\/")) })).toBeVisible();
  });

  test("with two refused fields the first one in the form gets focus and each has its link", async ({ page }) => {
    await page.goto("/monitors/new");
    await page.getByLabel("Name").fill(unique("Two errors"));
    await page.getByLabel("Target").fill("Status/");
    await page.getByLabel("Interval (seconds)").fill("5");
    await page.getByLabel("Max retries").fill("1");
    await page.getByRole("button", { name: "Create monitor" }).click();

    const links = page.getByTestId("error-summary").getByRole("link");
    await expect(links).toHaveCount(2);
    await expect(page.getByLabel("Target")).toBeFocused();
    await links.filter({ hasText: "at least 20" }).click();
    await expect(page.getByLabel("Interval (seconds)")).toBeFocused();
    // Uppercase in the host part: the fix lowercases only that.
    await expect(page.getByRole("button", { name: "use status/" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^use / })).toHaveCount(1);
  });
});

test("a checker finding whose fix is a value offers it as one tap", async ({ page }) => {
  await page.goto("/vhosts");
  await page.getByRole("link", { name: `admin.${DOMAIN}`, exact: true }).click();
  const signIn = page.getByLabel("Sign-in");
  await signIn.selectOption("none");
  await expect(signIn).toHaveAccessibleDescription(/has auth off/);
  await page.getByRole("button", { name: "Turn auth back on (authelia)." }).click();
  await expect(signIn).toHaveValue("authelia");
  await expect(signIn).not.toHaveAccessibleDescription(/has auth off/);
  // Nothing was saved: the draft still has auth on (leaving without saving is safe).
});

test("the keyword is shown only for keyword monitors; the type choice reads on a phone @phone", async ({ page }, testInfo) => {
  await page.goto("/monitors/new");
  const keyword = page.getByLabel("Keyword", { exact: true });
  await expect(page.getByRole("radio", { name: /^http/ })).toBeChecked();
  await expect(keyword).toBeHidden();
  await page.getByRole("radio", { name: /^keyword/ }).check();
  await expect(keyword).toBeVisible();
  // Each choice is a full-width, readable option with its explanation.
  const option = page.getByText("Up when the page answers and contains a keyword.");
  await expect(option).toBeVisible();
  const box = (await option.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x + box.width, "explanation within the screen").toBeLessThanOrEqual(width);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/monitor-type.png`, fullPage: true });

  // A keyword monitor without the keyword: refused at the now visible field.
  await page.getByLabel("Name").fill(unique("Kw"));
  await page.getByLabel("Target").fill("status/");
  await page.getByLabel("Interval (seconds)").fill("60");
  await page.getByLabel("Max retries").fill("1");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(keyword).toBeFocused();
  await page.getByRole("radio", { name: /^http/ }).check();
  await expect(keyword).toBeHidden();
});

test("hints name the configured domain", async ({ page }) => {
  await page.goto("/vhosts/new");
  await expect(page.getByLabel("Subdomain")).toHaveAccessibleDescription(new RegExp(`grafana\\.${DOMAIN.replace(".", "\\.")}`));
  await page.goto("/monitors/new");
  await expect(page.getByLabel("Target")).toHaveAccessibleDescription(new RegExp(`https://cloud\\.${DOMAIN.replace(".", "\\.")}/status\\.php`));
});

test.describe("the Changes page", () => {
  test("a file list with jump links, collapsible files, summary rows linked to their editors, Apply at the top @phone", async ({ page }, testInfo) => {
    const sub = unique("files").toLowerCase();
    await page.goto("/vhosts/new");
    await page.getByLabel("Subdomain").fill(sub);
    await page.getByLabel("Upstream port").fill("9301");
    await page.getByRole("button", { name: "Create virtual host" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);

    await page.goto("/changes");
    // On a worker's first run HEAD is empty: the summary is then one group, opened here.
    if ((await page.getByTestId("initial-import").count()) > 0) await page.getByTestId("initial-import").click();
    const list = page.getByRole("navigation", { name: "Changed files" });
    await expect(list.getByRole("link", { name: /vhosts\.nix/ })).toBeVisible();
    const vhostFile = page.locator("details#file-generated-vhosts-nix");
    // Collapsed (a click on an open file's header closes it), then the jump link opens it again.
    if ((await vhostFile.getAttribute("open")) !== null) await vhostFile.locator("summary").click();
    await expect(vhostFile).not.toHaveAttribute("open", "");
    await list.getByRole("link", { name: /vhosts\.nix/ }).click();
    await expect(page).toHaveURL(/#file-generated-vhosts-nix$/);
    await expect(vhostFile).toHaveAttribute("open", "");
    await expect(vhostFile).toContainText(`${sub} = {`);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/changes-files.png`, fullPage: true });

    // The summary row opens the vhost's editor.
    await page.getByTestId("change-summary").getByRole("link", { name: sub, exact: true }).click();
    await page.waitForURL(/\/vhosts\/\d+$/);
    await expect(page.getByLabel("Subdomain")).toHaveValue(sub);

    // Apply from the top: the same form as at the bottom commits the draft.
    await page.goto("/changes");
    const top = page.getByTestId("apply-top");
    await expect(top).toContainText(/\d+ changes? in \d+ files?/);
    await top.getByRole("button", { name: /^Apply: commit/ }).click();
    await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
  });

  test("Apply at the top honours the lockout confirmation", async ({ page, app }) => {
    await page.goto("/vhosts");
    await page.getByRole("link", { name: `admin.${DOMAIN}`, exact: true }).click();
    await page.getByLabel("Sign-in").selectOption("none");
    await page.getByRole("button", { name: "Save virtual host" }).click();
    await expect(page.getByRole("status").first()).toContainText("Saved");
    const before = app.remote!.git("rev-parse", "main").trim();
    try {
      await page.goto("/changes");
      const top = page.getByTestId("apply-top");
      await expect(top).toContainText(`type admin.${DOMAIN}`);
      // Not submitted: the top button takes the admin to the confirmation instead.
      await top.getByRole("button", { name: /^Apply: commit/ }).click();
      const confirm = page.getByLabel(`Type admin.${DOMAIN} to confirm`);
      await expect(confirm).toBeFocused();
      expect(app.remote!.git("rev-parse", "main").trim()).toBe(before);
      // A wrong host name typed: the top button submits, and the server refuses it.
      await confirm.fill("admin");
      await top.getByRole("button", { name: /^Apply: commit/ }).click();
      await expect(page.getByTestId("apply-result")).toContainText(`You typed "admin", not admin.${DOMAIN}`);
      expect(app.remote!.git("rev-parse", "main").trim()).toBe(before);
    } finally {
      // Undo in the draft: auth back on (nothing was committed).
      await page.goto("/vhosts");
      await page.getByRole("link", { name: `admin.${DOMAIN}`, exact: true }).click();
      await page.getByLabel("Sign-in").selectOption("authelia");
      await page.getByRole("button", { name: "Save virtual host" }).click();
      await expect(page.getByRole("status").first()).toContainText("Saved");
    }
  });

  test("the first-run import is one group, expandable, not a row per item", async ({ browser }, testInfo) => {
    // A server of its own: the shared one's HEAD already has the generated files of earlier tests.
    const fresh = await startAppServer(3460 + testInfo.workerIndex);
    try {
      const context = await browser.newContext({ baseURL: fresh.url, extraHTTPHeaders: ADMIN });
      const page = await context.newPage();
      await page.goto("/changes");
      const group = page.getByTestId("initial-import");
      await expect(group).toHaveText(/^Initial import: \d+ services, \d+ vhosts, \d+ access rules, \d+ monitors/);
      const summary = page.getByTestId("change-summary");
      await expect(summary.getByRole("heading", { name: /^Services/ })).toBeHidden();
      // Files start collapsed too: every line is new.
      for (const file of await page.getByTestId("file-diff").all()) await expect(file).not.toHaveAttribute("open", "");
      await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/changes-initial-import.png`, fullPage: true });
      await group.click();
      await expect(summary.getByRole("heading", { name: /^Services/ })).toBeVisible();
      await expect(summary.getByRole("link", { name: "eurovote", exact: true })).toHaveAttribute("href", /\/services\/\d+$/);
      await context.close();
    } finally {
      await fresh.stop();
    }
  });
});

test("the phone's tab bar shows the Changes badge @phone", async ({ page }, testInfo) => {
  // The tab bar is the navigation below the lg breakpoint: a phone-sized window in both projects.
  await page.setViewportSize({ width: 390, height: 844 });
  const sub = unique("badge").toLowerCase();
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill("9401");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);
  const tabBar = page.getByTestId("tab-bar");
  const badge = tabBar.getByTestId("tab-badge-changes");
  await expect(badge).toHaveText(/not committed: \d+/);
  await expect(tabBar.getByRole("link", { name: /^Changes\s*,\s*not committed: \d+$/ })).toBeVisible();
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/tab-bar-badge.png` });
});
