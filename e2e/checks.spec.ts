// The checker in the app: findings at the field while typing, errors that block Apply, the
// lockout guard's typed confirmation, a service's dependents moving with it into the
// committed Nix, the policy simulator and the matrix. Each test leaves the draft committable.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const DOMAIN = "zakobar.com";

/** A new access rule through the editor. */
async function createRule(page: Page, rule: { priority: number; domain: string; policy: string; subjects?: string }) {
  await page.goto("/access-rules/new");
  await page.getByLabel("Priority").fill(String(rule.priority));
  await page.getByLabel("Policy").selectOption(rule.policy);
  await page.getByLabel("Domains").fill(rule.domain);
  if (rule.subjects) await page.getByLabel("Subjects").fill(rule.subjects);
  await page.getByRole("button", { name: "Create access rule" }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved");
}

async function deleteRule(page: Page, priority: number) {
  await page.goto("/access-rules");
  await page.getByRole("link", { name: `Edit rule ${priority}`, exact: true }).click();
  await page.getByRole("button", { name: /^Delete access rule/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/access-rules\?deleted=1/);
}

/** Apply on the Changes page; returns the result box. */
async function apply(page: Page) {
  // The Apply form's own button (the one at the top submits the same form).
  await page.getByRole("button", { name: /^Apply: commit/ }).last().click();
  const result = page.getByTestId("apply-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  return result;
}

test("a duplicate priority on a new access rule shows at the field while typing", async ({ page }) => {
  await page.goto("/access-rules/new");
  const priority = page.getByLabel("Priority");
  await page.getByLabel("Domains").fill("jellyfin");
  await expect(priority).not.toHaveAccessibleDescription(/share priority/);
  // Grafana's admin pair uses 22: the finding appears without saving, named by the field.
  await priority.fill("22");
  await expect(priority).toHaveAccessibleDescription(/2 rules share priority 22/);
  await expect(page.locator("[data-finding-code='rule.priority-duplicate']")).toBeVisible();
  await priority.fill("30");
  await expect(page.locator("[data-finding-code='rule.priority-duplicate']")).toHaveCount(0);
});

test("an error blocks Apply, with links to the editor, and Apply goes through after the fix", async ({ page }) => {
  // A deny for the dashboard before its admin rule: the signed-in admin would be locked out.
  await createRule(page, { priority: 1, domain: "admin", policy: "deny" });
  await page.goto("/access-rules");
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "Edit rule 1", exact: true }) }).getByTestId("findings-badge")).toHaveAttribute(
    "data-severity",
    "error",
  );

  await page.goto("/changes");
  await expect(page.getByTestId("checks-summary")).toContainText(/1 error/);
  const findings = page.locator("#apply-findings");
  await expect(findings.locator("[data-finding-code='lockout.admin-unreachable']")).toBeVisible();
  await expect(findings.getByRole("link", { name: /^Edit access rule #\d+$/ })).toHaveAttribute("href", /^\/access-rules\/\d+$/);
  const result = await apply(page);
  await expect(result).toContainText("nothing was committed");
  await expect(page.getByTestId("commit-sha")).toHaveCount(0);

  await deleteRule(page, 1);
  await page.goto("/changes");
  await expect(page.getByTestId("checks-summary")).not.toContainText("error");
  await expect(page.getByTestId("lockout-confirm")).toHaveCount(0);
});

test("the lockout guard asks for the typed host name before committing", async ({ page, app }) => {
  await page.goto("/vhosts");
  await page.getByRole("link", { name: `admin.${DOMAIN}`, exact: true }).click();
  await page.getByLabel("Sign-in").selectOption("none");
  // The editor already says it, at the field.
  await expect(page.getByLabel("Sign-in")).toHaveAccessibleDescription(/has auth off/);
  await page.getByRole("button", { name: "Save virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved");

  await page.goto("/changes");
  const confirm = page.getByTestId("lockout-confirm");
  await expect(confirm).toContainText("lock you out");
  const before = app.remote!.git("rev-parse", "main").trim();
  await expect(await apply(page)).toContainText(`type admin.${DOMAIN} in the confirmation field`);
  await page.getByLabel(`Type admin.${DOMAIN} to confirm`).fill("admin");
  await expect(await apply(page)).toContainText(`You typed "admin", not admin.${DOMAIN}`);
  expect(app.remote!.git("rev-parse", "main").trim()).toBe(before);

  await page.getByLabel(`Type admin.${DOMAIN} to confirm`).fill(`admin.${DOMAIN}`);
  await apply(page);
  await expect(page.getByTestId("commit-sha")).toBeVisible();
  expect(app.remote!.git("show", "main:generated/vhosts.nix")).toMatch(/admin = \{[^}]*auth = false;/);

  // Undo: auth back on, committed without any confirmation.
  await page.goto("/vhosts");
  await page.getByRole("link", { name: `admin.${DOMAIN}`, exact: true }).click();
  await page.getByLabel("Sign-in").selectOption("authelia");
  await page.getByRole("button", { name: "Save virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved");
  await page.goto("/changes");
  await expect(page.getByTestId("lockout-confirm")).toHaveCount(0);
  await apply(page);
  await expect(page.getByTestId("commit-sha")).toBeVisible();
});

test("switching eurovote off offers its vhost and monitor, and the commit leaves them out", async ({ page, app }) => {
  await page.goto("/services");
  await page.getByRole("link", { name: "eurovote", exact: true }).click();
  await page.getByLabel("Enabled").uncheck();
  const offer = page.getByTestId("dependents-offer");
  await expect(offer).toContainText(`also stops routing vote.${DOMAIN} and pauses the Eurovision Vote monitor`);
  await expect(page.getByLabel(/also stops routing/)).toBeChecked();
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page.getByRole("status").first()).toContainText("Also switched off with the service: vhost vote, monitor Eurovision Vote.");

  await page.goto("/changes");
  await apply(page);
  await expect(page.getByTestId("commit-sha")).toBeVisible();
  expect(app.remote!.git("show", "main:generated/vhosts.nix")).not.toMatch(/\bvote = \{/);
  expect(app.remote!.git("show", "main:generated/monitors.nix")).not.toContain("Eurovision Vote");

  // On again: the offer restores them.
  await page.goto("/services");
  await page.getByRole("link", { name: "eurovote", exact: true }).click();
  await page.getByLabel("Enabled").check();
  await expect(page.getByTestId("dependents-offer")).toContainText(`routes vote.${DOMAIN} again and resumes the Eurovision Vote monitor`);
  await page.getByRole("button", { name: "Save service" }).click();
  // Navigating before the save has answered would abandon it, and nothing would be pending.
  await expect(page.getByRole("status").first()).toContainText("Also switched on with the service: vhost vote, monitor Eurovision Vote.");
  await page.goto("/changes");
  await apply(page);
  await expect(page.getByTestId("commit-sha")).toBeVisible();
  expect(app.remote!.git("show", "main:generated/vhosts.nix")).toMatch(/\bvote = \{/);
});

test("the simulator answers for a URL, over the draft and HEAD", async ({ page }) => {
  await page.goto("/access-rules");
  const sim = page.getByTestId("policy-simulator");
  await sim.getByLabel("URL").fill(`https://grafana.${DOMAIN}/d/home?orgId=1`);
  await sim.getByLabel("User").fill("bob");
  await sim.getByLabel("Groups").fill("users");
  await sim.getByRole("button", { name: "Ask" }).click();
  await expect(sim.getByTestId("sim-draft")).toHaveAttribute("data-decision", "deny");
  await expect(sim.getByTestId("sim-draft").getByTestId("sim-rule")).toContainText("priority 23");
  await expect(sim.getByTestId("sim-head")).toHaveAttribute("data-decision", "deny");

  await sim.getByLabel("Groups").fill("users, admins");
  await sim.getByRole("button", { name: "Ask" }).click();
  await expect(sim.getByTestId("sim-draft")).toHaveAttribute("data-decision", "two_factor");
  await expect(sim.getByTestId("sim-draft")).toHaveAttribute("data-outcome", "allowed");
});

test("the matrix on Changes marks the cell a new rule changes", async ({ page }) => {
  await createRule(page, { priority: 15, domain: "grafana", policy: "bypass" });
  try {
    await page.goto("/changes");
    const matrix = page.getByTestId("policy-matrix");
    const cell = matrix.locator(`tr[data-host='grafana.${DOMAIN}'] td[data-persona='anonymous']`);
    await expect(cell).toHaveAttribute("data-changed", "true");
    await expect(cell).toContainText("bypass");
    await expect(matrix.getByTestId("matrix-changes")).toContainText(`this change lets anonymous users reach grafana.${DOMAIN}`);
    await expect(matrix.locator(`tr[data-host='cloud.${DOMAIN}'] td[data-changed]`)).toHaveCount(0);
  } finally {
    await deleteRule(page, 15);
  }
});
