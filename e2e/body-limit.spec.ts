// A request body over the limit gets 413 and a sentence from server.ts (Next alone answers an
// over-limit Server Action body with 500); an ordinary save still goes through.
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./support/fixtures";

/** Creates a service through the form; returns the Server Action id the browser posted to. */
async function createService(page: Page, title: string): Promise<string> {
  const name = unique("body").toLowerCase();
  await page.goto("/services/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Title").fill(title);
  for (const section of ["Create a virtual host", "Create a monitor", "Back up its state"]) await page.getByLabel(section).uncheck();
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Create service" }).click();
  const actionId = (await posted).headers()["next-action"];
  await expect(page.getByRole("status").first()).toContainText("Saved");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return actionId;
}

test("a 10 MB server-action body answers 413 with a message, and a normal save still works", async ({ request, page }) => {
  // The real save action of the form, so Next would read the body (an unknown id is refused before).
  const actionId = await createService(page, "Under the limit");

  const response = await request.post("/services/new", {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: "x".repeat(10 * 1024 * 1024),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toMatch(/^Request body too large \(limit 1 MB\)\. Nothing was saved\./);

  // The server is fine afterwards, and a real save goes through.
  await createService(page, "Still under the limit");
});

test("a body just under the limit is not refused by the cap", async ({ request }) => {
  // An unknown action id with a 1000 KB body: Next answers it (not 413), so the cap let it through.
  const response = await request.post("/services/new", {
    headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: "x".repeat(1000 * 1024),
  });
  expect(response.status()).not.toBe(413);
});
