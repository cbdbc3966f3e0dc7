// The break-glass login: off unless configured; with a password-hash file and a session
// secret, the right password gets in (audited), a wrong one does not.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashPassword } from "../lib/auth/password-hash";
import { startAppServer } from "./support/app-server";
import { ADMIN, contextAs, expect, test } from "./support/fixtures";

test("break-glass is absent unless configured", async ({ browser, app }) => {
  const context = await contextAs(browser, app, {});
  const page = await context.newPage();
  expect((await page.goto("/break-glass"))?.status()).toBe(404);
  await context.close();
});

test("the break-glass password signs in when Authelia is down, and every attempt is audited", async ({ browser }, testInfo) => {
  const dir = mkdtempSync(path.join(tmpdir(), "homey-breakglass-"));
  const hashFile = path.join(dir, "break-glass.hash");
  writeFileSync(hashFile, `${hashPassword("correct horse battery")}\n`);
  const port = 3480 + testInfo.workerIndex;
  const app = await startAppServer(port, {
    HOMEY_BREAKGLASS_HASH_FILE: hashFile,
    NEXTAUTH_SECRET: "e2e-session-secret-of-enough-length",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  });
  try {
    const context = await contextAs(browser, app, {});
    const page = await context.newPage();
    expect((await page.goto("/"))?.status()).toBe(401);

    await page.goto("/break-glass");
    await page.getByLabel("Break-glass password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong password" })).toBeVisible();

    await page.getByLabel("Break-glass password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("break-glass");

    await page.goto("/audit");
    await expect(page.getByText("break-glass-login").first()).toBeVisible();
    await expect(page.getByText("break-glass-failed").first()).toBeVisible();
    await context.close();

    // Proxy headers still work beside it.
    const admin = await contextAs(browser, app, ADMIN);
    expect((await (await admin.newPage()).goto("/"))?.status()).toBe(200);
    await admin.close();
  } finally {
    await app.stop();
  }
});
