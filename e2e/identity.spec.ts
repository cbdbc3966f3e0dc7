import { startAppServer } from "./support/app-server";
import { ADMIN, contextAs, expect, proxyHeaders, test } from "./support/fixtures";

test("an admin gets in and sees homey's seeded configuration", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("homey");
  await expect(page.getByTestId("signed-in-as")).toContainText("alice");
  await page.getByRole("link", { name: "Virtual hosts" }).first().click();
  await expect(page.getByRole("link", { name: /^grafana\./ })).toBeVisible();
  await expect(page.getByText(/Demo mode/)).toHaveCount(0);
});

test("a signed-in non-admin gets 403 naming the group", async ({ browser, app }) => {
  const context = await contextAs(browser, app, proxyHeaders("bob", ["users"]));
  const page = await context.newPage();
  const response = await page.goto("/");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(page.getByText("admins", { exact: true })).toBeVisible();
  await context.close();
});

test("no identity gets 401 explaining Authelia", async ({ browser, app }) => {
  const context = await contextAs(browser, app, {});
  const page = await context.newPage();
  const response = await page.goto("/vhosts");
  expect(response?.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "Sign in through Authelia" })).toBeVisible();
  await context.close();
});

test("two Remote-User values are rejected", async ({ request, app }) => {
  const response = await request.get(`${app.url}/`, { headers: { ...ADMIN, "Remote-User": "alice, mallory" } });
  expect(response.status()).toBe(401);
});

test("with a proxy secret configured, headers without it are ignored", async ({ browser }, testInfo) => {
  const secured = await startAppServer(3490 + testInfo.workerIndex, { HOMEY_PROXY_SECRET: "correct-secret" });
  try {
    for (const [headers, status] of [
      [ADMIN, 401],
      [{ ...ADMIN, "X-Homey-Proxy-Secret": "wrong" }, 401],
      [{ ...ADMIN, "X-Homey-Proxy-Secret": "correct-secret" }, 200],
    ] as const) {
      const context = await contextAs(browser, secured, headers);
      const response = await (await context.newPage()).goto("/");
      expect(response?.status()).toBe(status);
      await context.close();
    }
  } finally {
    await secured.stop();
  }
});
