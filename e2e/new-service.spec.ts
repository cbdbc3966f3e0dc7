// "New service" in one form: typing the name fills the other sections, the service and its
// vhost, admin rule pair, monitor and backup path land in the draft as one change, Apply
// commits them into generated/*.nix, a skipped section is absent, a bad section saves
// nothing, and removing the service offers the same set and takes it out of the commit.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const DOMAIN = "zakobar.com";

async function apply(page: Page) {
  await page.goto("/changes");
  await page.getByRole("button", { name: /^Apply: commit/ }).first().click();
  await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
}

async function openService(page: Page, name: string) {
  await page.goto("/services");
  await page.getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/services\/\d+$/);
}

/** axe in the state the page is in now (errors shown, a dialog open): no serious violations. */
async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const fileDiff = (page: Page, file: string) => page.getByTestId("file-diff").filter({ has: page.locator("summary code", { hasText: new RegExp(`/${file.replace(".", "\\.")}$`) }) });

test("paperless with every section: prefilled, judged while typing, committed, then removed with its set @phone", async ({ page, app }, testInfo) => {
  const remote = app.remote!;
  await page.goto("/services/new");
  const form = page.getByTestId("new-service-form");
  await form.getByLabel("Name", { exact: true }).fill("paperless");

  // The name fills the rest, and the rules get the next free admin pair (after the seed's 20–25).
  await expect(form.getByLabel("Title")).toHaveValue("Paperless");
  await expect(form.getByLabel("State directory")).toHaveValue("/var/lib/paperless");
  await expect(form.getByLabel("Subdomain")).toHaveValue("paperless");
  await expect(form.getByLabel("Subdomain")).toHaveAccessibleDescription(new RegExp(`https://paperless\\.${DOMAIN.replace(".", "\\.")}`));
  await expect(form.getByLabel("Monitor name")).toHaveValue("Paperless");
  // Until the port is known, the monitor goes through Caddy.
  await expect(form.getByLabel("Target")).toHaveValue("paperless/");
  await expect(form.getByLabel("Backup path")).toHaveValue("/var/lib/paperless");
  await expect(form.getByLabel("Priority")).toHaveValue(/^\d+$/);
  // Other specs on this server may have taken some: read which pair it is, then check it.
  const p = Number(await form.getByLabel("Priority").inputValue());
  expect(p).toBeGreaterThanOrEqual(26);
  expect(p).toBeLessThanOrEqual(48);
  await expect(page.getByTestId("rules-preview")).toContainText(`paperless.${DOMAIN}`);
  await expect(page.getByTestId("rules-preview")).toContainText(`#${p + 1} deny`);

  // The checker speaks at the field while typing: port 3002 is Grafana's upstream.
  const port = form.getByLabel("Upstream port");
  await port.fill("3002");
  await expect(port).toHaveAccessibleDescription(/also the upstream of grafana/);
  await port.fill("8010");
  await expect(page.locator("[data-finding-code='vhost.upstream-shared']")).toHaveCount(0);
  // Behind Authelia the monitor watches the upstream, so it does not see the login page.
  await expect(form.getByLabel("Target")).toHaveValue("http://127.0.0.1:8010/");
  await expect(page.locator("[data-finding-code='monitor.behind-login']")).toHaveCount(0);
  // Pointed through the proxy by hand, the checker says what Kuma would see.
  await form.getByLabel("Target").fill("paperless/");
  await expect(form.getByLabel("Target")).toHaveAccessibleDescription(/Uptime Kuma will see the login page/);
  await form.getByLabel("Target").fill("http://127.0.0.1:8010/");
  // The backup section covers the state directory: no "not backed up" warning at it.
  await expect(form.getByLabel("State directory")).not.toHaveAccessibleDescription(/no backup path includes it/);
  // Keyword only for keyword monitors.
  await expect(form.getByLabel("Keyword")).toHaveCount(0);
  await form.getByLabel("Type", { exact: true }).selectOption("keyword");
  await form.getByLabel("Keyword").fill("Paperless");
  await form.getByLabel("Max retries").fill("3");

  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/service-new-filled.png`, fullPage: true });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("status").first()).toContainText(
    `Saved paperless with vhost paperless, access rules ${p} and ${p + 1}, monitor Paperless, backup path /var/lib/paperless.`,
  );

  // Changes shows every part, and Apply commits them.
  await page.goto("/changes");
  await expect(page.getByTestId("change-summary")).toContainText("paperless");
  await expect(fileDiff(page, "vhosts.nix")).toContainText("paperless = {");
  await expect(fileDiff(page, "access-rules.nix")).toContainText("paperless.${domain}");
  await expect(fileDiff(page, "monitors.nix")).toContainText('"Paperless"');
  await expect(fileDiff(page, "backup.nix")).toContainText('"/var/lib/paperless"');
  await apply(page);
  expect(remote.git("show", "main:generated/services.nix")).toMatch(/paperless = \{\s*enable = true;/);
  expect(remote.git("show", "main:generated/vhosts.nix")).toMatch(/paperless = \{\s*auth = true;\s*host = "127\.0\.0\.1";\s*port = 8010;/);
  const rules = remote.git("show", "main:generated/access-rules.nix");
  const ruleFor = (policy: string, priority: number, then = "") => new RegExp(`domain = \\[ "paperless\\.\\$\\{domain\\}" \\];\\s*policy = "${policy}";\\s*priority = ${priority};${then}`);
  expect(rules).toMatch(ruleFor("two_factor", p, '\\s*subject = \\[\\s*\\[ "group:admins" \\]'));
  expect(rules).toMatch(ruleFor("deny", p + 1));
  expect(remote.git("show", "main:generated/monitors.nix")).toMatch(/keyword = "Paperless";\s*maxretries = 3;\s*name = "Paperless";\s*type = "keyword";\s*url = "http:\/\/127\.0\.0\.1:8010\/";/);
  expect(remote.git("show", "main:generated/backup.nix")).toContain('"/var/lib/paperless"');

  // Removing it offers the same set, every row ticked.
  await openService(page, "paperless");
  await page.getByRole("button", { name: /^Delete service paperless/ }).click();
  const dialog = page.getByRole("dialog");
  const set = dialog.getByTestId("delete-set");
  for (const label of ["paperless", `#${p} paperless → two_factor`, `#${p + 1} paperless → deny`, "Paperless", "/var/lib/paperless"]) {
    await expect(set.getByRole("checkbox", { name: label, exact: true })).toBeChecked();
  }
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/service-delete-set.png` });
  await expectAxeClean(page);
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/services\?deleted=1/);

  await apply(page);
  expect(remote.git("show", "main:generated/services.nix")).not.toContain("paperless");
  expect(remote.git("show", "main:generated/vhosts.nix")).not.toContain("paperless");
  expect(remote.git("show", "main:generated/access-rules.nix")).not.toContain("paperless");
  expect(remote.git("show", "main:generated/monitors.nix")).not.toContain("Paperless");
  expect(remote.git("show", "main:generated/backup.nix")).not.toContain("/var/lib/paperless");
});

test("a skipped section is not created, and an unticked row outlives the service", async ({ page }) => {
  const name = unique("ns").toLowerCase();
  await page.goto("/services/new");
  const form = page.getByTestId("new-service-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Upstream port").fill("8011");
  await form.getByLabel("Who may reach it").selectOption("open");
  await form.getByLabel("Create a monitor").uncheck();
  await expect(form.getByLabel("Monitor name")).toBeHidden();
  await expect(page.getByTestId("section-skipped")).toContainText("Uptime Kuma does not watch it.");
  // No vhost, so no rules either: the rules section goes with it.
  await form.getByLabel("Create a virtual host").uncheck();
  await expect(form.getByLabel("Create access rules")).not.toBeChecked();
  await expect(form.getByLabel("Create access rules")).toBeDisabled();
  await form.getByLabel("Create a virtual host").check();
  await form.getByLabel("Create access rules").check();
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Saved ${name} with vhost ${name}, access rule`);
  await expect(page.getByRole("status").first()).not.toContainText("monitor");

  await page.goto("/monitors");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  await page.goto("/access-rules");
  await expect(page.getByRole("row", { name: new RegExp(`${name}.*one_factor`) })).toHaveCount(1);

  // Remove it, keeping the backup path: it stays, without a service.
  await openService(page, name);
  await page.getByRole("button", { name: /^Delete service/ }).click();
  const set = page.getByRole("dialog").getByTestId("delete-set");
  await expect(set.getByRole("checkbox")).toHaveCount(3);
  await set.getByRole("checkbox", { name: `/var/lib/${name}`, exact: true }).uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/services\?deleted=1/);
  await page.goto("/backups");
  const kept = page.getByRole("row", { name: new RegExp(`/var/lib/${name}`) });
  await expect(kept).toHaveCount(1);
  await page.goto("/access-rules");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  // Tidy: the kept backup path goes too.
  await page.goto("/backups");
  await kept.getByRole("link").first().click();
  await page.getByRole("button", { name: /^Delete / }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/backups\?deleted=1/);
});

test("a bad section saves nothing and says so at its field, keeping what was typed @phone", async ({ page }, testInfo) => {
  const name = unique("bad").toLowerCase();
  await page.goto("/services/new");
  const form = page.getByTestId("new-service-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  // grafana already has a vhost: said while typing, before anything is sent.
  const subdomain = form.getByLabel("Subdomain");
  await subdomain.fill("grafana");
  await expect(subdomain).toHaveAttribute("aria-invalid", "true");
  await expect(subdomain).toHaveAccessibleDescription(/already has a virtual host/);
  // The port is out of range: said when the form is sent.
  await form.getByLabel("Upstream port").fill("70000");
  // The checker speaks 150 ms after the last keystroke, and its findings push the button down:
  // click once they are there (the monitor through Caddy would see grafana's login page), or
  // the click lands where the button was.
  await expect(page.locator("[data-finding-code='monitor.behind-login']")).toHaveCount(1);
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByTestId("form-message")).toContainText("nothing was saved");
  const port = form.getByLabel("Upstream port");
  await expect(port).toHaveAttribute("aria-invalid", "true");
  await expect(port).toBeFocused();
  await expect(port).toHaveAccessibleDescription(/at most 65535/);
  await expect(page.getByTestId("error-summary")).toContainText("Virtual host › Upstream port");
  await expectAxeClean(page);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/service-new-errors.png`, fullPage: true });

  // Port fixed: now the taken subdomain is refused, at its field.
  await port.fill("8012");
  // The monitor now watches the upstream: its finding goes, and the layout with it.
  await expect(form.getByLabel("Target")).toHaveValue("http://127.0.0.1:8012/");
  await expect(page.locator("[data-finding-code='monitor.behind-login']")).toHaveCount(0);
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(subdomain).toBeFocused();
  await expect(page.getByTestId("error-summary")).toContainText("Virtual host › Subdomain");
  await expect(page.getByTestId("error-summary")).not.toContainText("Upstream port");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);
  await page.goto("/services");
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a subdomain taken by someone else after the page loaded is refused by the server, at its field", async ({ page }) => {
  const name = unique("race").toLowerCase();
  await page.goto("/services/new");
  const form = page.getByTestId("new-service-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Upstream port").fill("8013");

  // Meanwhile, in another tab, the same subdomain gets a vhost: this page's draft does not know.
  const other = await page.context().newPage();
  await other.goto("/vhosts/new");
  await other.getByLabel("Subdomain").fill(name);
  await other.getByLabel("Upstream port").fill("8014");
  await other.getByRole("button", { name: "Create virtual host" }).click();
  await expect(other.getByRole("status").first()).toContainText(`Saved ${name}`);
  await other.close();

  await page.getByRole("button", { name: "Create service" }).click();
  const subdomain = form.getByLabel("Subdomain");
  await expect(subdomain).toHaveAttribute("aria-invalid", "true");
  await expect(subdomain).toHaveAccessibleDescription(/already has a virtual host/);
  await expect(subdomain).toBeFocused();
  await expect(page.getByTestId("form-message")).toContainText("nothing was saved");
  // Everything typed is still there.
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(form.getByLabel("Upstream port")).toHaveValue("8013");
  await page.goto("/services");
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

  // Tidy: the other tab's vhost goes.
  await page.goto("/vhosts");
  await page.getByRole("link", { name: `${name}.zakobar.com`, exact: true }).click();
  await page.getByRole("button", { name: /^Delete / }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/vhosts\?deleted=1/);
});
