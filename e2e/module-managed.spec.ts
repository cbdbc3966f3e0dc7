// With the NixOS module's caddy.contributeVhost (HOMEY_ADMIN_VHOST_FROM_MODULE=1) the
// dashboard's vhost and its admins-only rules are read-only in the editors, with a note
// naming the option; other rows stay editable. Its own server: the env is per process.
import { effectivePort, startAppServer } from "./support/app-server";
import { ADMIN, contextAs, expect, test } from "./support/fixtures";

test("the module's admin vhost and two_factor rule are read-only in the editors, with the note", async ({ browser }, testInfo) => {
  const app = await startAppServer(3460 + testInfo.workerIndex, { HOMEY_ADMIN_VHOST_FROM_MODULE: "1" });
  try {
    expect(app.url).toContain(String(effectivePort(3460 + testInfo.workerIndex)));
    const context = await contextAs(browser, app, ADMIN);
    const page = await context.newPage();

    await page.goto("/vhosts");
    await page.getByRole("link", { name: /^admin\./ }).click();
    await page.waitForURL(/\/vhosts\/\d+$/);
    const note = page.getByTestId("module-managed-note");
    await expect(note).toContainText("The virtual host admin is managed by the NixOS module: services.homey-admin.caddy.contributeVhost");
    await expect(page.getByLabel("Upstream port")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save virtual host" })).toBeDisabled();
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

    await page.goto("/access-rules");
    await page.getByRole("link", { name: /^Edit rule 20$/ }).click();
    await page.waitForURL(/\/access-rules\/\d+$/);
    await expect(page.getByTestId("module-managed-note")).toContainText("The two_factor rule for admin is managed by the NixOS module");
    await expect(page.getByRole("button", { name: "Save access rule" })).toBeDisabled();

    // Another vhost is still an editor.
    await page.goto("/vhosts");
    await page.getByRole("link", { name: /^grafana\./ }).click();
    await page.waitForURL(/\/vhosts\/\d+$/);
    await expect(page.getByTestId("module-managed-note")).toHaveCount(0);
    await expect(page.getByLabel("Upstream port")).toBeEnabled();
    await context.close();
  } finally {
    await app.stop();
  }
});
