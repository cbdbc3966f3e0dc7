// The break-glass login: off unless configured; with a password-hash file and a session
// secret, the right password gets in (audited), a wrong one does not.
import { mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashPassword } from "../lib/auth/password-hash";
import { effectivePort, startAppServer } from "./support/app-server";
import { ADMIN, contextAs, expect, test } from "./support/fixtures";

/** A server with break-glass configured: the password is "correct horse battery". */
async function startBreakGlassServer(port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "homey-breakglass-"));
  const hashFile = path.join(dir, "break-glass.hash");
  writeFileSync(hashFile, `${hashPassword("correct horse battery")}\n`);
  return startAppServer(port, {
    HOMEY_BREAKGLASS_HASH_FILE: hashFile,
    NEXTAUTH_SECRET: "e2e-session-secret-of-enough-length",
    NEXTAUTH_URL: `http://127.0.0.1:${effectivePort(port)}`,
  });
}

test("break-glass is absent unless configured", async ({ browser, app }) => {
  const context = await contextAs(browser, app, {});
  const page = await context.newPage();
  expect((await page.goto("/break-glass"))?.status()).toBe(404);
  await context.close();
});

test("the break-glass password signs in when Authelia is down, and every attempt is audited", async ({ browser }, testInfo) => {
  const app = await startBreakGlassServer(3480 + testInfo.workerIndex);
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

interface RawResponse {
  status: number;
  cookies: string[];
  body: string;
}

/**
 * One HTTP request from a chosen loopback source address. Playwright cannot pick the source
 * address of its connections; node:http can (localAddress), and all of 127.0.0.0/8 is loopback.
 */
function rawRequest(url: string, from: string, options: { method?: string; body?: string; cookies?: string[] } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.cookies?.length) headers.cookie = options.cookies.join("; ");
    if (options.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const req = httpRequest(url, { method: options.method ?? "GET", localAddress: from, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]), body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** next-auth's credentials sign-in as the browser client does it (csrf token, then the callback). */
async function signInFrom(baseUrl: string, from: string, password: string): Promise<{ error: string | null; cookies: string[] }> {
  const csrf = await rawRequest(`${baseUrl}/api/auth/csrf`, from);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, password, json: "true", callbackUrl: baseUrl }).toString();
  const result = await rawRequest(`${baseUrl}/api/auth/callback/credentials`, from, { method: "POST", body, cookies: csrf.cookies });
  const { url } = JSON.parse(result.body) as { url: string };
  return { error: new URL(url).searchParams.get("error"), cookies: [...csrf.cookies, ...result.cookies] };
}

test("six wrong passwords lock one address out and say for how long; another address still gets in", async ({ browser }, testInfo) => {
  const app = await startBreakGlassServer(3490 + testInfo.workerIndex);
  try {
    // The browser connects from 127.0.0.1.
    const context = await contextAs(browser, app, {});
    const page = await context.newPage();
    await page.goto("/break-glass");
    // The form's own alert (Next's route announcer is an alert too).
    const alert = page.locator("form").getByRole("alert");
    for (let i = 1; i <= 6; i++) {
      await page.getByLabel("Break-glass password").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      if (i < 5) await expect(alert).toContainText("Wrong password");
    }
    await expect(alert).toHaveText(/^Too many attempts from your address; try again in 1[45] min\./);

    // Locked means locked: the right password from the same address is refused too.
    await page.getByLabel("Break-glass password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText(/^Too many attempts from your address; try again in 1[45] min\./);
    await context.close();

    // Another source address (127.0.0.2) is not locked out: the right password signs in.
    const other = await signInFrom(app.url, "127.0.0.2", "correct horse battery");
    expect(other.error).toBeNull();
    const home = await rawRequest(`${app.url}/`, "127.0.0.2", { cookies: other.cookies });
    expect(home.status).toBe(200);
    expect(home.body).toContain("break-glass");
    // …while 127.0.0.1 still is, whatever it sends.
    expect((await signInFrom(app.url, "127.0.0.1", "correct horse battery")).error).toMatch(/^RateLimited:1[45]$/);
  } finally {
    await app.stop();
  }
});
