import { expect, test, unique } from "./support/fixtures";

test("an admin creates, edits and deletes a virtual host", async ({ page }) => {
  const sub = unique("wiki");
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill("8123");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved ${sub}`);
  await page.getByRole("link", { name: new RegExp(`^${sub}\\.`) }).click();

  await page.getByLabel("Upstream port").fill("8124");
  await page.getByRole("button", { name: "Save virtual host" }).click();
  await expect(page.getByRole("row", { name: new RegExp(sub) })).toContainText("127.0.0.1:8124");

  await page.getByRole("link", { name: new RegExp(`^${sub}\\.`) }).click();
  await page.getByRole("button", { name: /Delete virtual host/ }).click();
  await expect(page.getByRole("dialog")).toContainText(`Delete virtual host ${sub}?`);
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText("Deleted");
  await expect(page.getByRole("link", { name: new RegExp(`^${sub}\\.`) })).toHaveCount(0);
});

test("bad input gets a message at the field and nothing is saved", async ({ page }) => {
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill("Not_A_Label");
  await page.getByLabel("Upstream port").fill("70000");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByLabel("Subdomain")).toHaveAttribute("aria-invalid", "true");
  // At the field (its description) and in the error summary at the top.
  await expect(page.getByLabel("Subdomain")).toHaveAccessibleDescription(/single DNS label/);
  await expect(page.getByLabel("Upstream port")).toHaveAccessibleDescription(/Port must be at most 65535\./);
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveText([/single DNS label/, "Port must be at most 65535."]);
  await expect(page).toHaveURL(/\/vhosts\/new$/);
});

test("a shared upstream port is saved with a warning", async ({ page }) => {
  const sub = unique("dup");
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill("3002");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status")).toContainText("Port 3002 is also the upstream of grafana");
});

test("a stale save is refused and shows what the other admin changed", async ({ page, browser, app }) => {
  const sub = unique("race");
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill("9001");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await page.getByRole("link", { name: new RegExp(`^${sub}\\.`) }).click();
  await page.waitForURL(/\/vhosts\/\d+$/);
  const editUrl = page.url();

  const other = await browser.newContext({ baseURL: app.url, extraHTTPHeaders: { "Remote-User": "bob", "Remote-Groups": "admins" } });
  const bobPage = await other.newPage();
  await bobPage.goto(editUrl);
  await bobPage.getByLabel("Upstream port").fill("9002");
  await bobPage.getByRole("button", { name: "Save virtual host" }).click();
  await expect(bobPage.getByRole("status")).toContainText(`Saved ${sub}`);
  await other.close();

  await page.getByLabel("Upstream port").fill("9003");
  await page.getByRole("button", { name: "Save virtual host" }).click();
  await expect(page.getByTestId("form-message")).toContainText("bob saved this virtual host");
  await expect(page.getByTestId("conflict-table")).toContainText("9002");
  await page.goto("/vhosts");
  await expect(page.getByRole("row", { name: new RegExp(sub) })).toContainText("127.0.0.1:9002");
});
