// Every area but virtual hosts (e2e/vhosts.spec.ts): create, edit, delete, a validation
// error at the field, and a stale save refused (then kept) — through the real server and SQLite file.
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./support/fixtures";

interface AreaCase {
  area: string;
  path: string;
  label: string;
  /** Fills a valid new row whose list row contains `key`. */
  fillNew(page: Page, key: string): Promise<void>;
  newKey(): string;
  edit: { field: string; value: string; shows: string };
  invalid: { fill(page: Page): Promise<void>; field: string; message: RegExp };
}

/** "New service" creates a vhost, rules, monitor and backup path too unless skipped. */
async function skipServiceParts(page: Page) {
  for (const section of ["Create a virtual host", "Create a monitor", "Back up its state"]) await page.getByLabel(section).uncheck();
}

const CASES: AreaCase[] = [
  {
    area: "service",
    path: "/services",
    label: "service",
    newKey: () => unique("svc").toLowerCase(),
    async fillNew(page, key) {
      await page.getByLabel("Name", { exact: true }).fill(key);
      await page.getByLabel("Title").fill(`Title ${key}`);
      // The service alone: the parts "New service" adds are e2e/new-service.spec.ts's.
      await skipServiceParts(page);
    },
    edit: { field: "Title", value: "Renamed service", shows: "Renamed service" },
    invalid: {
      async fill(page) {
        await page.getByLabel("Name", { exact: true }).fill("Bad Name");
        await page.getByLabel("Title").fill("x");
        await skipServiceParts(page);
      },
      field: "Name",
      message: /short slug/,
    },
  },
  {
    area: "access rule",
    path: "/access-rules",
    label: "access rule",
    newKey: () => unique("rule").toLowerCase(),
    async fillNew(page, key) {
      await page.getByLabel("Priority").fill("70");
      await page.getByLabel("Domains").fill(key);
      await page.getByLabel("Policy").selectOption("one_factor");
    },
    edit: { field: "Priority", value: "72", shows: "72" },
    invalid: {
      async fill(page) {
        await page.getByLabel("Priority").fill("12");
        await page.getByLabel("Domains").fill("open");
        await page.getByLabel("Policy").selectOption("bypass");
        await page.getByLabel("Subjects").fill("group:admins");
      },
      field: "Subjects",
      message: /Authelia rejects a bypass rule with subjects/,
    },
  },
  {
    area: "monitor",
    path: "/monitors",
    label: "monitor",
    newKey: () => unique("Mon"),
    async fillNew(page, key) {
      await page.getByLabel("Name").fill(key);
      await page.getByLabel("Target").fill("status/");
      await page.getByLabel("Interval (seconds)").fill("60");
      await page.getByLabel("Max retries").fill("1");
    },
    edit: { field: "Target", value: "grafana/api/health", shows: "grafana." },
    invalid: {
      async fill(page) {
        await page.getByLabel("Name").fill("Too fast");
        await page.getByLabel("Target").fill("status/");
        await page.getByLabel("Interval (seconds)").fill("5");
        await page.getByLabel("Max retries").fill("1");
      },
      field: "Interval (seconds)",
      message: /at least 20/,
    },
  },
  {
    area: "backup path",
    path: "/backups",
    label: "backup path",
    newKey: () => `/srv/${unique("data")}`,
    async fillNew(page, key) {
      await page.getByLabel("Path").fill(key);
    },
    edit: { field: "Note", value: "checked by e2e", shows: "checked by e2e" },
    invalid: {
      async fill(page) {
        await page.getByLabel("Path").fill("srv/../etc");
      },
      field: "Path",
      message: /absolute path/,
    },
  },
];

async function openRow(page: Page, path: string, key: string) {
  await page.goto(path);
  await page.getByRole("row", { name: new RegExp(key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")) }).getByRole("link").first().click();
  await page.waitForURL(new RegExp(`${path}/\\d+$`));
}

for (const c of CASES) {
  test.describe(c.area, () => {
    test(`create, edit and delete a ${c.label}`, async ({ page }) => {
      const key = c.newKey();
      await page.goto(`${c.path}/new`);
      await c.fillNew(page, key);
      await page.getByRole("button", { name: `Create ${c.label}` }).click();
      await expect(page.getByRole("status").first()).toContainText("Saved");
      await expect(page.getByRole("row", { name: new RegExp(key.replace(/[/]/g, "\\/")) })).toBeVisible();

      await openRow(page, c.path, key);
      await page.getByLabel(c.edit.field).fill(c.edit.value);
      await page.getByRole("button", { name: `Save ${c.label}` }).click();
      await expect(page.getByRole("status").first()).toContainText("Saved");
      await expect(page.getByRole("row", { name: new RegExp(key.replace(/[/]/g, "\\/")) })).toContainText(c.edit.shows);

      await openRow(page, c.path, key);
      await page.getByRole("button", { name: /^Delete / }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
      await expect(page.getByRole("status").first()).toContainText("Deleted");
      await expect(page.getByRole("row", { name: new RegExp(key.replace(/[/]/g, "\\/")) })).toHaveCount(0);
    });

    test(`a bad ${c.label} gets a message at the field`, async ({ page }) => {
      await page.goto(`${c.path}/new`);
      await c.invalid.fill(page);
      await page.getByRole("button", { name: `Create ${c.label}` }).click();
      await expect(page.getByLabel(c.invalid.field, { exact: true })).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText(c.invalid.message).first()).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`${c.path}/new$`));
    });

    test(`a stale ${c.label} save is refused`, async ({ page, browser, app }) => {
      const key = c.newKey();
      await page.goto(`${c.path}/new`);
      await c.fillNew(page, key);
      await page.getByRole("button", { name: `Create ${c.label}` }).click();
      await expect(page.getByRole("status").first()).toContainText("Saved");
      await openRow(page, c.path, key);

      const other = await browser.newContext({ baseURL: app.url, extraHTTPHeaders: { "Remote-User": "bob", "Remote-Groups": "admins" } });
      const bob = await other.newPage();
      await bob.goto(page.url());
      await bob.getByLabel(c.edit.field).fill(c.edit.value);
      await bob.getByRole("button", { name: `Save ${c.label}` }).click();
      await expect(bob.getByRole("status").first()).toContainText("Saved");
      await other.close();

      const mine = c.edit.field === "Priority" ? "74" : `${c.edit.value}x`;
      await page.getByLabel(c.edit.field).fill(mine);
      await page.getByRole("button", { name: `Save ${c.label}` }).click();
      await expect(page.getByTestId("form-message")).toContainText(`bob saved this ${c.label}`);
      await expect(page.getByTestId("conflict-table")).toBeVisible();
      // The form keeps what was typed, and saves it over bob's version when asked.
      await expect(page.getByLabel(c.edit.field)).toHaveValue(mine);
      await page.getByRole("button", { name: "Keep mine and save" }).click();
      await expect(page.getByRole("status").first()).toContainText("Saved");
    });
  });
}

test("a protected service cannot be deleted and says why", async ({ page }) => {
  await openRow(page, "/services", "authelia");
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await expect(page.getByText(/protected/i).first()).toBeVisible();
});

test("deleting a service with linked items offers each of them, ticked", async ({ page }) => {
  await openRow(page, "/services", "eurovote");
  await page.getByRole("button", { name: /^Delete / }).click();
  const set = page.getByRole("dialog").getByTestId("delete-set");
  await expect(set.getByRole("checkbox", { name: "vote", exact: true })).toBeChecked();
  await expect(set.getByRole("checkbox", { name: "Eurovision Vote", exact: true })).toBeChecked();
  await expect(set.getByRole("checkbox", { name: /^#67 vote → one_factor$/ })).toBeChecked();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
});

test("the audit page shows who changed what", async ({ page }) => {
  const key = unique("aud").toLowerCase();
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(key);
  await page.getByLabel("Upstream port").fill("7777");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved");
  await page.goto("/audit");
  // The event itself, not the page: "alice" is also in the header (signed-in-as), so only a
  // match inside the one audit entry about this row says who did what.
  const event = page.getByTestId("timeline-entry").filter({ hasText: key });
  await expect(event).toHaveCount(1);
  // Named as Authelia's Remote-Name has it ("alice Example"), not only by the user name.
  await expect(event.locator("strong")).toHaveText("alice Example");
  await expect(event).toContainText(`alice Example added vhost ${key} → 127.0.0.1:7777 (Authelia)`);
  // The subdomain links to the row's editor.
  await event.getByRole("link", { name: key }).click();
  await expect(page).toHaveURL(/\/vhosts\/\d+$/);
});

// An editor for an id that names no row answers 404 with its not-found page, for every area
// (no Suspense boundary above an editor may start the response as 200 first).
const EDITORS = [
  { path: "/services", notFound: "Service not found" },
  { path: "/vhosts", notFound: "Virtual host not found" },
  { path: "/access-rules", notFound: "Access rule not found" },
  { path: "/monitors", notFound: "Monitor not found" },
  { path: "/backups", notFound: "Backup path not found" },
  { path: "/deploys", notFound: "Deploy not found" },
];

for (const editor of EDITORS) {
  test(`${editor.path}/<unknown id> answers 404 with the not-found page`, async ({ request, page }) => {
    for (const id of ["999999", "abc", "1.5", "-1", "0", "99999999999"]) {
      const response = await request.get(`${editor.path}/${id}`);
      expect(response.status(), `${editor.path}/${id}`).toBe(404);
      // Next sends the not-found boundary in the RSC payload (the HTML shell is its error shell).
      expect(await response.text(), `${editor.path}/${id}`).toContain("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    // What the admin sees: the area's own not-found page, inside the dashboard.
    expect((await page.goto(`${editor.path}/999999`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: editor.notFound })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  });
}

test("an editor for a row that exists still answers 200, and the list keeps its page", async ({ page, request }) => {
  await page.goto("/services");
  const href = await page.getByRole("row", { name: /authelia/ }).getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/services\/\d+$/);
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Edit authelia");
  expect((await request.get("/services")).status()).toBe(200);
});
