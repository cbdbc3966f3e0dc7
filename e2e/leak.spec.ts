// The read leak, tried as an attacker would: for every route of the app (walked from app/ on
// disk) and every way of not being an admin, the answer is 401/403 and its body carries
// none of the marker values planted in every table of the draft, the audit log and the
// deploys. A control request as the admin shows the same markers on the pages that list
// them, so the check could fail.
import Database from "better-sqlite3";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { startAppServer, type AppServer } from "./support/app-server";
import { ADMIN, expect, proxyHeaders, test } from "./support/fixtures";
import { fillRoute, listAppRoutes } from "./support/routes";

const SECRET = "leak-test-proxy-secret";
const MARK = "zq7mark";
const MARKERS = [
  `${MARK}-service-title`,
  `${MARK}-service-description`,
  `${MARK}vhost`,
  `${MARK}-rule-note`,
  `user:${MARK}user`,
  `${MARK}-monitor`,
  `/var/lib/${MARK}-path`,
  `${MARK}-audit-actor`,
  `${MARK}-audit-value`,
  `${MARK}-deployer`,
  `${MARK}-log-line`,
  `/nix/store/${MARK}-self-restart`,
  `${MARK}-audit-display-name`,
];

const PUBLIC = new Set(["/break-glass", "/api/health", "/api/auth/[...nextauth]"]);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so the source address can be chosen (127.0.0.2 is loopback but not the trusted proxy). */
function request(app: AppServer, pathName: string, options: { headers?: Record<string, string>; method?: string; body?: string; from?: string } = {}): Promise<Answer> {
  const url = new URL(pathName, app.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? "GET", headers: options.headers, localAddress: options.from },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        // Streams (SSE) never end by themselves: what arrived in a second is what leaks.
        setTimeout(() => {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        }, 1000);
      },
    );
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

function plantMarkers(databaseUrl: string): Record<string, string> {
  const db = new Database(fileURLToPath(new URL(databaseUrl.replace(/^file:/, "file://"))));
  // Reuse a seeded row's timestamp: whatever format Prisma wrote, the row reads back.
  const { updatedAt } = db.prepare(`SELECT updatedAt FROM Service LIMIT 1`).get() as { updatedAt: unknown };
  const service = db
    .prepare(`INSERT INTO Service (name, title, description, kind, stateDir, updatedAt, updatedBy) VALUES (?, ?, ?, 'native', ?, ?, ?)`)
    .run(`${MARK}svc`, MARKERS[0], MARKERS[1], `/var/lib/${MARK}-state`, updatedAt, `${MARK}-editor`).lastInsertRowid;
  const vhost = db
    .prepare(`INSERT INTO VirtualHost (subdomain, upstreamPort, serviceId, updatedAt, updatedBy) VALUES (?, 48123, ?, ?, ?)`)
    .run(MARKERS[2], service, updatedAt, `${MARK}-editor`).lastInsertRowid;
  const rule = db
    .prepare(`INSERT INTO AccessRule (priority, domains, subjects, policy, note, updatedAt, updatedBy) VALUES (70, ?, ?, 'one_factor', ?, ?, ?)`)
    .run(JSON.stringify([MARKERS[2]]), JSON.stringify([[MARKERS[4]]]), MARKERS[3], updatedAt, `${MARK}-editor`).lastInsertRowid;
  const monitor = db
    .prepare(`INSERT INTO Monitor (name, target, serviceId, updatedAt, updatedBy) VALUES (?, ?, ?, ?, ?)`)
    .run(MARKERS[5], `${MARKERS[2]}/health`, service, updatedAt, `${MARK}-editor`).lastInsertRowid;
  const backup = db
    .prepare(`INSERT INTO BackupPath (path, serviceId, updatedAt, updatedBy) VALUES (?, ?, ?, ?)`)
    .run(MARKERS[6], service, updatedAt, `${MARK}-editor`).lastInsertRowid;
  db.prepare(`INSERT INTO AuditEvent (actor, actorName, action, entityType, entityId, after) VALUES (?, ?, 'update', 'service', ?, ?)`).run(
    MARKERS[7],
    MARKERS[12],
    String(service),
    JSON.stringify({ title: MARKERS[8] }),
  );
  const deploy = db
    .prepare(`INSERT INTO Deploy (commitSha, action, status, actor, transport, target, exitCode, selfRestartTo) VALUES (?, 'switch', 'failed', ?, 'local', 'pi-main', 1, ?)`)
    .run("0123456789abcdef0123456789abcdef01234567", MARKERS[9], MARKERS[11]).lastInsertRowid;
  db.prepare(`INSERT INTO DeployLogLine (deployId, seq, text) VALUES (?, 1, ?)`).run(deploy, MARKERS[10]);
  db.close();
  const id = (n: number | bigint) => String(n);
  return {
    "services/[id]": id(service),
    "vhosts/[id]": id(vhost),
    "access-rules/[id]": id(rule),
    "monitors/[id]": id(monitor),
    "backups/[id]": id(backup),
    "deploys/[id]": id(deploy),
    "commits/[sha]": "0123456789abcdef0123456789abcdef01234567",
    "[...nextauth]": "session",
  };
}

const OUTSIDERS: { name: string; headers: Record<string, string>; from?: string; status: number }[] = [
  { name: "no headers", headers: {}, status: 401 },
  { name: "a signed-in non-admin", headers: proxyHeaders("mallory", ["users"], { "X-Homey-Proxy-Secret": SECRET }), status: 403 },
  { name: "an untrusted peer", headers: { ...ADMIN, "X-Homey-Proxy-Secret": SECRET }, from: "127.0.0.2", status: 401 },
  { name: "a missing proxy secret", headers: ADMIN, status: 401 },
  { name: "a wrong proxy secret", headers: { ...ADMIN, "X-Homey-Proxy-Secret": `${SECRET}x` }, status: 401 },
];

const leaked = (body: string) => MARKERS.filter((m) => body.includes(m));

test.describe("the read leak", () => {
  let app: AppServer;
  let ids: Record<string, string>;
  const routes = listAppRoutes();

  test.beforeAll(async ({}, testInfo) => {
    app = await startAppServer(3470 + testInfo.workerIndex, { HOMEY_PROXY_SECRET: SECRET });
    ids = plantMarkers(app.databaseUrl);
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("the route walk finds every kind of route", () => {
    const patterns = routes.map((r) => r.pattern);
    for (const expected of ["/", "/services", "/services/[id]", "/audit", "/deploys/[id]", "/api/deploys/[id]/events", "/quick", "/changes"]) {
      expect(patterns).toContain(expected);
    }
  });

  test("control: the admin sees the markers, so their absence below means something", async () => {
    const admin = { ...ADMIN, "X-Homey-Proxy-Secret": SECRET };
    const seen = new Set<string>();
    const lists = ["/services", "/vhosts", "/access-rules", "/monitors", "/backups", "/audit", "/deploys"];
    const editors = [`/services/${ids["services/[id]"]}`, `/access-rules/${ids["access-rules/[id]"]}`, `/api/deploys/${ids["deploys/[id]"]}/log`, `/deploys/${ids["deploys/[id]"]}`];
    for (const path of [...lists, ...editors]) {
      const answer = await request(app, path, { headers: admin });
      expect(answer.status, path).toBe(200);
      for (const m of leaked(answer.body)) seen.add(m);
    }
    expect([...seen].sort()).toEqual([...MARKERS].sort());
    // The quick page (a route handler, rendered with Preact) and its JSON show the draft too.
    for (const path of ["/quick", "/api/quick"]) {
      const answer = await request(app, path, { headers: admin });
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toContain(MARKERS[0]);
    }
  });

  for (const outsider of OUTSIDERS) {
    test(`every route refuses ${outsider.name} and shows none of the draft`, async () => {
      test.setTimeout(120_000);
      for (const route of routes) {
        const path = fillRoute(route.pattern, ids);
        for (const headers of [outsider.headers, { ...outsider.headers, RSC: "1" }]) {
          const answer = await request(app, path, { headers, from: outsider.from });
          const where = `${outsider.name} GET ${path}${headers.RSC ? " (RSC)" : ""}`;
          expect(leaked(answer.body), where).toEqual([]);
          if (!PUBLIC.has(route.pattern)) expect(answer.status, where).toBe(outsider.status);
        }
      }
    });
  }

  test("the quick page's JSON posts refuse outsiders and other sites, and change nothing", async () => {
    const admin = { ...ADMIN, "X-Homey-Proxy-Secret": SECRET };
    const screen = JSON.parse((await request(app, "/api/quick", { headers: admin })).body) as { view: { services: { id: number; name: string; version: number; states: { draft: boolean } }[] } };
    const planted = screen.view.services.find((s) => s.name === `${MARK}svc`)!;
    expect(planted.states.draft).toBe(true);
    const body = JSON.stringify({ id: planted.id, version: planted.version, enabled: false });
    const json = { "Content-Type": "application/json", Origin: app.url };
    for (const outsider of OUTSIDERS) {
      const answer = await request(app, "/api/quick/toggle", { method: "POST", headers: { ...outsider.headers, ...json }, body, from: outsider.from });
      expect(answer.status, outsider.name).toBe(outsider.status);
      expect(leaked(answer.body), outsider.name).toEqual([]);
    }
    // The admin's own browser, driven by another site's page: the Origin says so.
    const crossSite = await request(app, "/api/quick/toggle", { method: "POST", headers: { ...admin, ...json, Origin: "https://evil.example" }, body });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toMatchObject({ ok: false, message: expect.stringContaining("evil.example") });
    const noOrigin = await request(app, "/api/quick/toggle", { method: "POST", headers: { ...admin, "Content-Type": "application/json" }, body });
    expect(noOrigin.status).toBe(403);
    // A form post (the only kind another site can send without asking) is not JSON.
    const formPost = await request(app, "/api/quick/toggle", { method: "POST", headers: { ...admin, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" }, body: "id=1" });
    expect(formPost.status).toBe(415);
    const after = JSON.parse((await request(app, "/api/quick", { headers: admin })).body) as typeof screen;
    expect(after.view.services.find((s) => s.id === planted.id)).toMatchObject({ version: planted.version, states: { draft: true } });
  });

  test("a server action posted without an admin gets a real 401/403 and changes nothing", async () => {
    const admin = { ...ADMIN, "X-Homey-Proxy-Secret": SECRET };
    const form = (await request(app, "/services/new", { headers: admin })).body;
    // The progressive-enhancement fields of the new-service form: its action id and bound arguments.
    const actionId = /&quot;id&quot;:&quot;([0-9a-f]{40,})&quot;/.exec(form)?.[1];
    expect(actionId, "the new-service form carries its action id").toBeTruthy();
    const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? "").replace(/&quot;/g, '"')]));
    const fields = { name: `${MARK}evil`, title: "Evil", kind: "native", enabled: "on" };
    for (const outsider of OUTSIDERS) {
      // Fetch-style, as the browser's React calls it.
      const fetchStyle = await request(app, "/services/new", {
        method: "POST",
        headers: { ...outsider.headers, "Next-Action": actionId!, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        body: JSON.stringify([fields]),
        from: outsider.from,
      });
      expect(fetchStyle.status, `${outsider.name}, fetch-style`).toBe(outsider.status);
      expect(fetchStyle.headers["content-type"], outsider.name).toMatch(/application\/json/);
      expect(leaked(fetchStyle.body), outsider.name).toEqual([]);
      // A plain form post, as without JavaScript.
      const formPost = await request(app, "/services/new", {
        method: "POST",
        headers: { ...outsider.headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...hidden, ...fields }).toString(),
        from: outsider.from,
      });
      expect(formPost.status, `${outsider.name}, form post`).toBe(outsider.status);
      expect(leaked(formPost.body), outsider.name).toEqual([]);
    }
    const services = await request(app, "/services", { headers: admin });
    expect(services.status).toBe(200);
    expect(services.body).not.toContain(`${MARK}evil`);
  });
});
