// Deploys in the browser against the real test rig: a stand-in nixos-rebuild that runs a
// real `nix build` of the committed generated/ in a private store and records what it
// activates. Each test waits for what the page shows, never for time to pass; the
// stand-in's step delay only makes a build last long enough to be watched or cancelled.
//
// Run: npx next build && npx playwright test e2e/deploy.spec.ts --project=desktop
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { startAppServer } from "./support/app-server";
import { freePort } from "../lib/testing/ports";
import { deployTest as test, expect, startDroppableProxy } from "./support/deploy-rig";
import { ADMIN } from "./support/fixtures";

test.describe.configure({ mode: "default", timeout: 120_000 });
// Its commits replace generated/ with the rig's minimal files, and its rollback resets the draft
// to them: the seed's services are gone afterwards, so the other deploy specs get another worker.
test.use({ rigGroup: "deploy" });

test.afterEach(({ rig }) => rig.standin.setOptions({}));

const DONE = 60_000;

/** From the Deploys page: deploy HEAD (which must be `sha`) with `action`; returns the new deploy's id. */
async function deployHead(page: Page, sha: string, action = "switch"): Promise<number> {
  await page.goto("/deploys");
  await expect(page.getByTestId("head-sha")).toHaveAttribute("data-sha", sha);
  await page.getByRole("radio", { name: new RegExp(`^${action} `) }).check();
  // These tests deploy straight away; e2e/preview.spec.ts covers the preview.
  await page.getByRole("checkbox", { name: /^Preview first/ }).uncheck();
  await page.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

function status(page: Page) {
  return page.getByTestId("deploy-status");
}

/** A line of a derivation's build log ("homey-services> checking services (2 entries)"). */
const BUILD_LINE = /^homey-[a-z-]+> checking /;

test("deploy HEAD: the build streams into the page while it runs, progress moves, and the commit is what gets activated @phone", async ({ page, rig }, testInfo) => {
  // Slow enough that the page is up and streaming long before the build ends, even on a busy machine.
  rig.standin.setOptions({ stepDelaySeconds: 1 });
  const sha = await rig.repo.commit(
    rig.generatedFiles({ services: { grafana: true, jellyfin: false }, virtualHosts: { grafana: { port: 3000 } }, extraPaths: ["/srv/photos"] }),
    "homey: grafana behind auth",
  );
  await deployHead(page, sha);
  await expect(page.getByTestId("deploy-sha")).toHaveText(sha);
  await expect(page.getByTestId("deploy-actor")).toHaveText("alice");

  // A build log line is on screen while the deploy is still running: live, not at the end.
  const log = page.getByTestId("log-view");
  await expect(log.getByTestId("log-line").filter({ hasText: BUILD_LINE }).first()).toBeVisible();
  await expect(status(page)).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("progress-phase")).toHaveAttribute("data-phase", "building");
  await expect(page.getByTestId("progress-derivations")).toHaveText(/^[0-5] \/ 6/);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/deploy-running.png`, fullPage: true });

  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  await expect(page.getByTestId("progress-derivations")).toHaveText(/^6 \/ 6/);
  await expect(page.getByTestId("progress-phase")).toHaveAttribute("data-phase", "done");
  await expect(page.getByTestId("deploy-exit-code")).toHaveText("0");
  await expect(log).toContainText("homey-admin: deploy succeeded after");
  await expect(page.getByTestId("deploy-failure")).toHaveCount(0);
  await page.screenshot({ path: `e2e/screenshots/${testInfo.project.name}/deploy-finished.png`, fullPage: true });

  expect(rig.standin.readActivated()).toMatchObject({
    action: "switch",
    configuration: {
      rev: sha,
      homey: {
        services: { grafana: { enable: true }, jellyfin: { enable: false } },
        caddy: { virtualHosts: { grafana: { host: "grafana.example.test", port: 3000, auth: true } } },
        backup: { extraPaths: ["/srv/photos"] },
      },
    },
  });

  // The history has it, with the commit, who and the outcome.
  await page.getByRole("link", { name: "← All deploys" }).click();
  const row = page.getByTestId("deploy-history").getByRole("row").filter({ hasText: sha.slice(0, 7) }).first();
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("alice");
  await expect(row.getByTitle(sha)).toBeVisible();
  await expect(row.getByRole("button", { name: "Redeploy this commit" })).toBeVisible();
});

test("a Nix build failure from the committed content shows Nix's error up front", async ({ page, rig }) => {
  const before = rig.standin.readActivated();
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { grafana: true }, virtualHosts: { broken: { port: 70000 } } }), "homey: a port out of range");
  await deployHead(page, sha);
  await expect(status(page)).toHaveAttribute("data-status", "failed", { timeout: DONE });
  const failure = page.getByTestId("deploy-failure");
  await expect(failure).toBeVisible();
  await expect(failure.getByTestId("nix-error")).toContainText(/builder for '.*-homey-virtual-hosts\.drv' failed with exit code 1/);
  await expect(failure.getByTestId("failed-build-log")).toContainText("homey.caddy.virtualHosts.broken.port = 70000 is not a TCP port (1-65535)");
  await expect(page.getByTestId("deploy-exit-code")).toHaveText("1");
  // Nix colours its errors: never shown as escape codes.
  // eslint-disable-next-line no-control-regex -- the ESC character is what is looked for
  expect(await failure.textContent()).not.toMatch(/\x1b|\[\d+(;\d+)*m/);
  expect(rig.standin.readActivated()).toEqual(before);
});

test("a Nix evaluation error in generated/ fails the deploy with Nix's message", async ({ page, rig }) => {
  const files = rig.generatedFiles({ services: { grafana: true } });
  files["generated/services.nix"] = "{ domain, ... }: { homey.services.grafana.enable = undefinedThing; }\n";
  const sha = await rig.repo.commit(files, "homey: a typo");
  await deployHead(page, sha);
  await expect(status(page)).toHaveAttribute("data-status", "failed", { timeout: DONE });
  await expect(page.getByTestId("nix-error")).toContainText("undefined variable 'undefinedThing'");
});

test("cancel while the build runs: the deploy stops and is recorded as cancelled", async ({ page, rig }) => {
  rig.standin.setOptions({ stepDelaySeconds: 30 });
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { slow: true } }), "homey: slow build");
  await deployHead(page, sha);
  await expect(page.getByTestId("log-line").filter({ hasText: BUILD_LINE }).first()).toBeVisible();
  await page.getByRole("button", { name: "Cancel deploy…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel deploy" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "cancelled", { timeout: DONE });
  await expect(page.getByTestId("deploy-failure")).toContainText("cancelled; the command was stopped");
  await expect(page.getByTestId("log-view")).toContainText("homey-admin: cancel requested by alice");
  await expect(page.getByRole("button", { name: "Cancel deploy…" })).toHaveCount(0);
});

test("one deploy at a time: a second start is refused with a link to the running deploy", async ({ page, context, rig }) => {
  rig.standin.setOptions({ stepDelaySeconds: 30 });
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { busy: true } }), "homey: busy");
  // A second tab that loaded the form before the first deploy started.
  const other = await context.newPage();
  await other.goto("/deploys");
  await expect(other.getByTestId("head-sha")).toHaveAttribute("data-sha", sha);

  const id = await deployHead(page, sha);
  await expect(status(page)).toHaveAttribute("data-status", "running");

  await other.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` }).click();
  const refusal = other.getByTestId("deploy-result");
  await expect(refusal).toContainText(`Deploy #${id} is still running`);
  await refusal.getByRole("link", { name: `Watch deploy #${id}` }).click();
  await expect(other).toHaveURL(new RegExp(`/deploys/${id}$`));
  await expect(status(other)).toHaveAttribute("data-status", "running");

  // Loaded while it runs, the form says so and links to it.
  await other.goto("/deploys");
  await expect(other.getByTestId("deploy-running-notice").getByRole("link", { name: `Watch deploy #${id}` })).toHaveAttribute("href", `/deploys/${id}`);
  await expect(other.getByRole("button", { name: `Deploy ${sha.slice(0, 7)}` })).toBeDisabled();

  await page.getByRole("button", { name: "Cancel deploy…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel deploy" }).click();
  await expect(status(page)).toHaveAttribute("data-status", "cancelled", { timeout: DONE });
  // The other tab sees the end live too.
  await other.goto(`/deploys/${id}`);
  await expect(status(other)).toHaveAttribute("data-status", "cancelled");
});

test("reloading mid-deploy resumes the log: every line once, in order, nothing missing", async ({ page, rig }) => {
  rig.standin.setOptions({ stepDelaySeconds: 0.8 });
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { a: true, b: true, c: false }, extraPaths: ["/srv/a", "/srv/b"] }), "homey: reload");
  const id = await deployHead(page, sha);
  await expect(page.getByTestId("log-line").filter({ hasText: BUILD_LINE }).first()).toBeVisible();
  await page.reload();
  await expect(status(page)).toHaveAttribute("data-status", "running");
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });

  const stored = (await (await page.request.get(`/api/deploys/${id}/log`)).text()).split("\n").slice(0, -1);
  expect(stored[0]).toBe(`homey-admin: switch of commit ${sha} on local, started by alice`);
  await expect(page.getByTestId("log-line-count")).toHaveAttribute("data-count", String(stored.length));
  // The first and the last line each appear exactly once (the view is windowed: look at both ends).
  const view = page.getByTestId("log-view");
  await expect(view.getByTestId("log-line").filter({ hasText: "homey-admin: deploy succeeded after" })).toHaveCount(1);
  await view.evaluate((el) => (el.scrollTop = 0));
  await expect(view.getByTestId("log-line").filter({ hasText: `homey-admin: switch of commit ${sha}` })).toHaveCount(1);

  // Copy all and Download give exactly the stored log.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy all" }).click();
  await expect(page.getByText(`Copied ${stored.length} lines.`)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored.join("\n"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe(`homey-deploy-${id}.log`);
  expect(readFileSync((await download.path())!, "utf8")).toBe(`${stored.join("\n")}\n`);

  // The SSE route itself: Last-Event-ID resumes right after that line.
  const resumed = await (await page.request.get(`/api/deploys/${id}/events`, { headers: { "Last-Event-ID": "5" } })).text();
  const firstBatch = JSON.parse(/event: lines\ndata: (.*)\n/.exec(resumed)![1]) as { from: number; lines: string[] };
  expect(firstBatch.from).toBe(6);
  expect(firstBatch.lines[0]).toBe(stored[5]);
  expect(resumed).toMatch(/event: end\ndata: \{"status":"succeeded"/);
});

test("a dropped connection resumes from Last-Event-ID: nothing missing, nothing twice", async ({ browser, app, rig }) => {
  rig.standin.setOptions({ stepDelaySeconds: 0.8 });
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { x: true, y: true }, extraPaths: ["/srv/x"] }), "homey: flaky network");
  // The browser talks to the app through a pass-through whose connections we can cut.
  const proxy = await startDroppableProxy(app.url);
  const context = await browser.newContext({ baseURL: proxy.url, extraHTTPHeaders: ADMIN });
  try {
    const page = await context.newPage();
    const id = await deployHead(page, sha);
    await expect(page.getByTestId("log-line").filter({ hasText: BUILD_LINE }).first()).toBeVisible();
    const shown = Number(await page.getByTestId("log-line-count").getAttribute("data-count"));
    const reconnect = page.waitForRequest((r) => r.url().includes(`/api/deploys/${id}/events`));
    expect(proxy.dropAll()).toBeGreaterThan(0);
    await expect(page.getByTestId("live-connection")).toHaveAttribute("data-connection", "reconnecting");
    // The client comes back by itself and says where it was (Last-Event-ID, as EventSource would).
    const lastEventId = Number(await (await reconnect).headerValue("last-event-id"));
    expect(lastEventId).toBeGreaterThanOrEqual(shown);
    await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
    const stored = (await (await page.request.get(`/api/deploys/${id}/log`)).text()).split("\n").slice(0, -1);
    await expect(page.getByTestId("log-line-count")).toHaveAttribute("data-count", String(stored.length));
    await expect(page.getByTestId("log-view").getByTestId("log-line").filter({ hasText: "homey-admin: deploy succeeded after" })).toHaveCount(1);
  } finally {
    await context.close();
    await proxy.stop();
  }
});

test("demo mode says the target is simulated; broken deploy settings are listed and nothing can start", async ({ browser, rig }) => {
  const [demo, misconfigured] = await Promise.all([
    startAppServer(await freePort(), rig.env, ["--demo"]),
    startAppServer(await freePort(), { ...rig.env, HOMEY_DEPLOY_TRANSPORT: "ssh" }),
  ]);
  try {
    const demoPage = await (await browser.newContext({ baseURL: demo.url })).newPage();
    await demoPage.goto("/deploys");
    await expect(demoPage.getByTestId("simulated-target")).toContainText("Demo mode: the target is simulated.");
    await expect(demoPage.getByTestId("deploy-target")).toContainText("Target: local, configuration pi-main (simulated).");
    // The simulated target may already run HEAD (the rig's stand-in is shared): then it offers a redeploy.
    await expect(demoPage.getByRole("button", { name: /^(Deploy|Redeploy) [0-9a-f]{7}$/ })).toBeEnabled();

    const page = await (await browser.newContext({ baseURL: misconfigured.url, extraHTTPHeaders: ADMIN })).newPage();
    await page.goto("/deploys");
    await expect(page.getByTestId("deploy-config-problems").getByRole("listitem")).toHaveText([
      "HOMEY_DEPLOY_HOST is required for the ssh transport",
      "HOMEY_DEPLOY_KEY_FILE (path of the private key) is required for the ssh transport",
      /^pin the target's host key: set HOMEY_DEPLOY_HOST_KEY/,
    ]);
    await expect(page.getByRole("button", { name: /^(Deploy|Redeploy) [0-9a-f]{7}$/ })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Roll back to previous generation…" })).toBeDisabled();
  } finally {
    await Promise.all([demo.stop(), misconfigured.stop()]);
  }
});

test("the live and log routes answer JSON 401 / 403 / 404 without an admin or a deploy", async ({ app }) => {
  // Plain fetch: exactly these headers, nothing a browser context adds.
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  for (const route of ["events", "log"]) {
    const anonymous = await get(`/api/deploys/1/${route}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    const user = await get(`/api/deploys/1/${route}`, { "Remote-User": "mallory", "Remote-Groups": "users" });
    expect(user.status).toBe(403);
    expect(await user.json()).toMatchObject({ code: "FORBIDDEN" });
    for (const missing of ["999999", "abc", "0"]) {
      const response = await get(`/api/deploys/${missing}/${route}`, ADMIN);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
    }
  }
});

test("roll back to the previous generation, then redeploy a past commit", async ({ page, rig }) => {
  const first = await rig.repo.commit(rig.generatedFiles({ services: { first: true } }), "homey: first");
  await deployHead(page, first);
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  const second = await rig.repo.commit(rig.generatedFiles({ services: { second: true } }), "homey: second");
  const secondId = await deployHead(page, second);
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.rev).toBe(second);

  await page.goto("/deploys");
  const rollback = page.getByRole("region", { name: "Roll back" });
  await expect(rollback).toContainText(`It should be commit ${first.slice(0, 7)}`);
  await rollback.getByRole("button", { name: "Roll back to previous generation…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  await expect(page.getByTestId("deploy-action")).toHaveText("rollback (switch --rollback)");
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.rev).toBe(first);

  await page.goto("/deploys");
  await page.getByTestId(`deploy-row-${secondId}`).getByRole("button", { name: "Redeploy this commit" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(second);
  await dialog.getByRole("button", { name: `Switch to ${second.slice(0, 7)}` }).click();
  await page.waitForURL(/\/deploys\/\d+$/);
  await expect(page.getByTestId("deploy-sha")).toHaveText(second);
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });
  expect(rig.standin.readActivated()?.configuration.rev).toBe(second);
});

test("a 200,000-line log stays responsive: windowed rows, search, follow and jump to latest", async ({ page, rig, app }) => {
  const sha = await rig.repo.commit(rig.generatedFiles({ services: { big: true } }), "homey: big log");
  const id = await deployHead(page, sha);
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: DONE });

  // Make it a huge log: 200,000 more lines behind the real ones, straight into the app's SQLite file.
  const db = new Database(app.databaseUrl.replace(/^file:/, ""));
  const { max } = db.prepare('SELECT MAX(seq) AS max FROM "DeployLogLine" WHERE "deployId" = ?').get(id) as { max: number };
  const insert = db.prepare('INSERT INTO "DeployLogLine" ("deployId", "seq", "text") VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 200_000; i++) {
      insert.run(id, max + i, i % 50_000 === 0 ? `bulk line ${i} NEEDLE here` : `bulk line ${i} \x1b[32mgreen\x1b[0m`);
    }
  })();
  db.close();
  const total = max + 200_000;

  const started = Date.now();
  await page.goto(`/deploys/${id}`);
  const count = page.getByTestId("log-line-count");
  await expect(count).toHaveAttribute("data-count", String(total), { timeout: 60_000 });
  console.log(`200,000-line log: all ${total} lines in the browser ${Date.now() - started} ms after navigation`);

  const view = page.getByTestId("log-view");
  const rendered = await view.getByTestId("log-line").count();
  expect(rendered).toBeLessThan(200);
  await expect(view.getByTestId("log-line").last()).toContainText(`bulk line 200000`);
  // Escapes never show, even the ones the server never saw being stripped.
  await expect(view).not.toContainText("[32m");

  // Scrolling up stops following; "Jump to latest" goes back to the tail.
  const t = Date.now();
  await view.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(view.getByTestId("log-line").filter({ hasText: /^bulk line 100\d{3} / }).first()).toBeVisible();
  console.log(`scroll to the middle of 200,000 lines and render: ${Date.now() - t} ms`);
  await page.getByRole("button", { name: "Jump to latest ↓" }).click();
  await expect(view.getByTestId("log-line").filter({ hasText: "bulk line 200000" })).toBeVisible();

  // Search: four matches, step to the second one.
  const s = Date.now();
  await page.getByRole("searchbox", { name: "Search the log" }).fill("needle");
  await expect(page.getByTestId("log-search-status")).toHaveText("4 matching lines");
  console.log(`search 200,000 lines: ${Date.now() - s} ms`);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByTestId("log-search-status")).toHaveText("2 of 4 matching lines");
  await expect(view.getByTestId("log-line").filter({ hasText: "bulk line 100000 NEEDLE here" })).toBeVisible();
  await page.getByLabel("Only matching lines").check();
  await expect(view.getByTestId("log-line")).toHaveCount(4);
});
