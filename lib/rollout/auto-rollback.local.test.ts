// The whole "rollback sticks" path with real parts: a real SQLite draft, Apply into a real
// git clone with a bare remote, the stand-in nixos-rebuild building with real Nix and
// activating upstream HTTP servers per vhost (lib/demo/standin/upstreams.mjs) behind Debian's
// real caddy (lib/demo/standin/caddy.mjs), the health gate (after-switch.ts) probing through it. A deploy that
// switches a monitored service off really fails its probe → automatic rollback to the
// previous generation → revert commit in the remote → draft reset to HEAD.
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAdminContext } from "@/lib/auth/admin-context";
import { applyDraft } from "@/lib/apply/apply-draft";
import { describeAuditEvent } from "@/lib/audit/describe";
import { compareDraftWithHead } from "@/lib/changes/pending";
import { renderDraft } from "@/lib/changes/render-draft";
import type { PrismaClient } from "@/lib/db/client";
import { loadDeployTarget } from "@/lib/deploy/config";
import { healthGateAfterSwitch } from "@/lib/deploy/health/after-switch";
import { probeMonitor } from "@/lib/deploy/health/probe";
import { probeRequest } from "@/lib/deploy/health/probe-request";
import type { HealthOutcome } from "@/lib/deploy/health/gate";
import { LogBus } from "@/lib/deploy/log-bus";
import { prismaLogStore } from "@/lib/deploy/log-store";
import { DeployRunner } from "@/lib/deploy/runner";
import { deriveWhere } from "@/lib/deploy/where";
import { createLocalTransport } from "@/lib/deploy/transport-local";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { openRepo } from "@/lib/repo/open-repo";
import { sameTree } from "@/lib/repo/same-tree";
import { createRepoRig, git, RIG_ADMIN, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { adminAs } from "@/lib/testing/admin-context";
import { createTestDatabase } from "@/lib/testing/test-db";
import { caddyAccessLog } from "@/scripts/test-rig/caddy-access-log";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { postNotice } from "@/lib/notify/webhook";
import { attachHealthFollowUp, type FollowUps } from "./health-follow-up";
import { freePorts, isListening } from "@/lib/testing/ports";

let db: PrismaClient;
let cleanupDb: () => Promise<void>;
let repo: RepoRig;
let rig: TestRig;
let runner: DeployRunner;
let followUps: FollowUps;
let detach: () => void;
let ports: number[];
let proxyPort: number;
/** The webhook receiver (ntfy stand-in) and what it got. */
let receiver: http.Server;
const posts: { title: string; body: string }[] = [];



const anna = () => issueAdminContext({ user: RIG_ADMIN.user, name: RIG_ADMIN.name, email: RIG_ADMIN.email, groups: ["admins"], source: "proxy" }, db);

/** One GET to the proxy with this Host: status, Server header, body. */
function ask(host: string, urlPath = "/"): Promise<{ status: number; server: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: proxyPort, path: urlPath, headers: { Host: host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, server: String(res.headers.server ?? ""), body }));
    });
    req.on("error", reject);
    req.end();
  });
}


beforeAll(async () => {
  if (!existsSync("/usr/bin/caddy")) throw new Error("this test probes through Debian's caddy: apt-get install caddy (scripts/install-system-deps.sh)");
  ({ db, cleanup: cleanupDb } = await createTestDatabase());
  const draft = withHomeyCore(RIG_DRAFT);
  [proxyPort, ...ports] = await freePorts(draft.virtualHosts.length + 1);
  await writeDraft(db, { ...draft, virtualHosts: draft.virtualHosts.map((v, i) => ({ ...v, upstreamPort: ports[i] })) });
  [repo, rig] = await Promise.all([createRepoRig({ remote: true }), startTestRig({ sshd: false })]);
  rig.standin.setOptions({ domain: repo.settings.domain, upstreams: { proxyPort } });
  const env = {
    ...rig.env.local,
    HOMEY_DEPLOY_FLAKE_REPO: repo.clone,
    HOMEY_DEPLOY_HEALTH_GATE: "auto",
    HOMEY_DEPLOY_HEALTH_BASE_URL: `http://127.0.0.1:${proxyPort}`,
    HOMEY_DEPLOY_HEALTH_WINDOW_S: "5",
  };
  const loadTarget = () => loadDeployTarget(env);
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => (posts.push({ title: String(req.headers.title), body }), res.end()));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const webhook = { url: `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/homey`, baseUrl: "https://admin.example.org" };
  runner = new DeployRunner({
    prisma: db,
    bus: new LogBus(prismaLogStore(db), { flushIntervalMs: 50 }),
    loadTarget,
    transportFor: () => createLocalTransport({ env: { ...process.env, ...rig.standin.env }, cwd: rig.dir }),
    healthGate: healthGateAfterSwitch({ prisma: db, settings: () => repo.settings, domain: () => repo.settings.domain }),
  });
  ({ detach, followUps } = attachHealthFollowUp({
    runner,
    system: issueAdminContext({ user: "homey-admin", name: "homey-admin", email: "", groups: [], source: "system" }, db),
    settings: () => repo.settings,
    loadTarget,
    notify: async (notice) => void (await postNotice(webhook, notice)),
  }));
}, 120_000);

afterAll(async () => {
  detach?.();
  await new Promise((r) => receiver?.close(r));
  await rig?.stop();
  await repo?.cleanup();
  await cleanupDb?.();
});

async function applyAndSwitch(): Promise<{ sha: string; deployId: number }> {
  const result = await applyDraft({ admin: anna(), settings: repo.settings, demo: false });
  if (result.status !== "committed") throw new Error(`nothing was committed: ${JSON.stringify(result)}`);
  const { deployId } = await runner.start({ action: "switch", commitSha: result.commit.sha, actor: "anna" });
  await runner.waitFor(deployId);
  return { sha: result.commit.sha, deployId };
}

const grafanaPort = () => ports[[...withHomeyCore(RIG_DRAFT).virtualHosts].findIndex((v) => v.subdomain === "grafana")];

describe("health gate on auto: a deploy that breaks a monitored service", () => {
  it("is rolled back to the previous generation, reverted in the repo, and the draft is reset to HEAD", async () => {
    const good = await applyAndSwitch();
    const first = await db.deploy.findUniqueOrThrow({ where: { id: good.deployId } });
    expect(first.status).toBe("succeeded");
    expect(JSON.parse(first.health!).verdict).toBe("healthy");
    expect(await isListening(grafanaPort())).toBe(true);
    await followUps.get(good.deployId);
    expect(first.healthDecision).toBeNull();
    expect(posts).toEqual([]);

    // The probe went through the real Caddy: its access log has the gate's request for grafana.
    const grafanaHost = `grafana.${repo.settings.domain}`;
    expect(caddyAccessLog(rig.standin.stateDir, grafanaHost)).toContainEqual({ host: grafanaHost, uri: "/api/health", userAgent: "homey-admin health gate", status: 200 });
    const direct = await ask(grafanaHost, "/api/health");
    expect([direct.status, direct.server]).toEqual([200, "Caddy"]);
    expect(direct.body).toContain(`homey stand-in upstream for ${grafanaHost}`);

    // A Host Caddy has no site for: Caddy's own answer (measured: 200, empty body) is judged unhealthy.
    const unknownHost = `nosuch.${repo.settings.domain}`;
    const unknown = await ask(unknownHost);
    expect(unknown).toEqual({ status: 200, server: "Caddy", body: "" });
    const monitor = { name: "No such site", type: "http" as const, target: "nosuch/health", interval: 1, keyword: "", maxretries: 0 };
    const judged = await probeMonitor(monitor, probeRequest(monitor, repo.settings.domain, `http://127.0.0.1:${proxyPort}`), { deadline: Date.now() + 5000 });
    expect([judged.ok, judged.reason]).toEqual([false, "HTTP 200 with an empty body (Caddy has no site for this host?)"]);
    // Caddy 2.6 logs such a request with status 0: no handler wrote a status, the 200 is net/http's implicit one.
    expect(caddyAccessLog(rig.standin.stateDir, unknownHost).map((e) => [e.uri, e.userAgent, e.status])).toContainEqual(["/health", "homey-admin health gate", 0]);

    // The admin switches grafana off (its vhost and monitor stay): the upstream really stops.
    await db.service.update({ where: { name: "grafana" }, data: { enabled: false, version: { increment: 1 } } });
    const bad = await applyAndSwitch();
    const switchEnd = Date.now();
    const outcome = await followUps.get(bad.deployId);
    const rolledBackAt = Date.now();
    expect(outcome?.end.status).toBe("succeeded");
    expect(outcome?.problem).toBeNull();

    const row = await db.deploy.findUniqueOrThrow({ where: { id: bad.deployId } });
    const health = JSON.parse(row.health!) as HealthOutcome;
    expect(health.verdict).toBe("unhealthy");
    expect(health.probes.filter((p) => !p.ok).map((p) => [p.monitor, p.reason])).toEqual([["Grafana", "HTTP 502"]]);
    // That 502 is Caddy's: its access log has the failed probe (the upstream was down).
    expect(caddyAccessLog(rig.standin.stateDir, grafanaHost).map((e) => e.status)).toContain(502);
    expect(row.healthDecision).toBe("rolled_back");
    expect(row.rolledBackBy).toBe(outcome!.rollbackDeployId);
    expect(row.healthDecisionNote).toContain("the health gate failed: Grafana (HTTP 502)");

    // The previous configuration is active again, and grafana's upstream is back.
    const rollbackDeploy = await db.deploy.findUniqueOrThrow({ where: { id: outcome!.rollbackDeployId } });
    expect([rollbackDeploy.action, rollbackDeploy.status, rollbackDeploy.commitSha, rollbackDeploy.actor]).toEqual(["rollback", "succeeded", good.sha, "homey-admin"]);
    const active = rig.standin.readActivated();
    expect(active?.configuration.rev).toBe(good.sha);
    expect((active?.configuration.homey.services as Record<string, { enable: boolean }>).grafana.enable).toBe(true);
    expect(await isListening(grafanaPort())).toBe(true);

    // A revert commit is in the remote: by homey-admin for anna, naming the deploy and the failed check,
    // with generated/ exactly as at the good commit.
    const remoteHead = git(repo.remote!, "rev-parse", "main").trim();
    expect(row.revertSha).toBe(remoteHead);
    const [author, , message] = git(repo.remote!, "log", "-1", "--format=%an <%ae>%x00%P%x00%B", "main").split("\0");
    expect(author).toBe(`homey-admin <homey-admin@${repo.settings.domain}>`);
    expect(message).toContain(`Revert ${bad.sha.slice(0, 7)}: rolled back deploy #${bad.deployId}`);
    expect(message).toContain("Grafana (HTTP 502)");
    expect(message).toMatch(/On-behalf-of: anna\nHomey-Admin: revert\n/);
    expect(git(repo.remote!, "rev-parse", "main:generated")).toBe(git(repo.remote!, "rev-parse", `${good.sha}:generated`));
    // The same tree as what runs: the headline says in sync (where-now.ts compares the trees).
    expect(git(repo.remote!, "rev-parse", "main^{tree}")).toBe(git(repo.remote!, "rev-parse", `${good.sha}^{tree}`));
    const runningSameAsHead = await sameTree(await openRepo(repo.settings), remoteHead, good.sha);
    const where = deriveWhere({ pendingFiles: 0, head: { sha: remoteHead }, running: { kind: "commit", sha: good.sha }, deployedByApp: new Set([good.sha]), targetName: "pi-main", runningSameAsHead });
    expect(where.headline).toBe(`in sync: pi-main runs ${good.sha.slice(0, 7)}, the same configuration as ${remoteHead.slice(0, 7)}`);

    // The draft equals HEAD (nothing to apply; grafana is on again), and nothing re-applies the bad change.
    const draft = await loadDraftSnapshot(adminAs(db));
    expect(draft.services.find((s) => s.name === "grafana")?.enabled).toBe(true);
    const comparison = await compareDraftWithHead(await openRepo(repo.settings), repo.settings, draft, renderDraft(draft));
    expect(comparison.files).toEqual([]);

    // Audit: the health outcomes, the rollback and the revert commit, as sentences.
    const events = await db.auditEvent.findMany({ where: { action: { in: ["health", "rollback", "revert"] } }, orderBy: { id: "asc" } });
    const sentences = events.map((e) => `${e.actor} ${describeAuditEvent(e).text}`);
    expect(sentences).toEqual([
      `homey-admin health check after deploy #${good.deployId}: healthy (2 checks passed)`,
      `homey-admin health check after deploy #${bad.deployId}: unhealthy — Grafana (HTTP 502)`,
      `homey-admin made revert commit ${remoteHead.slice(0, 7)} for anna (undoes ${bad.sha.slice(0, 7)} of deploy #${bad.deployId})`,
      `homey-admin rolled back deploy #${bad.deployId} automatically for anna (the health gate failed: Grafana (HTTP 502)): back to ${good.sha.slice(0, 7)} by deploy #${outcome!.rollbackDeployId}, revert commit ${remoteHead.slice(0, 7)}`,
    ]);
    // Exactly one notice for this failure (the automatic rollback), linking the bad deploy.
    expect(posts).toHaveLength(1);
    expect(posts[0].title).toBe(`Deploy #${bad.deployId} rolled back`);
    expect(posts[0].body).toContain(`https://admin.example.org/deploys/${bad.deployId}`);
    expect(posts[0].body).toContain("Grafana (HTTP 502)");

    const gateStart = Date.parse(health.startedAt);
    const verdictAt = Date.parse(health.finishedAt);
    console.log(
      `figures: gate start (switch end) → verdict ${verdictAt - gateStart} ms; verdict → rollback complete (generation switch + revert commit + draft reset) ${rolledBackAt - verdictAt} ms; deploy end → rollback complete ${rolledBackAt - switchEnd} ms`,
    );
  }, 180_000);
});
