// Health gate, automatic rollback, failed units and the preview against a target with REAL
// systemd: the nspawn target (scripts/test-rig/systemd-target.ts), reached over SSH with the
// detached transport (HOMEY_DEPLOY_DETACH=systemd). There the stand-in's activation runs
// each enabled service as a real unit (lib/demo/standin/systemd-units.mjs): a service with
// a vhost is a small HTTP server on its upstream port, and Debian's caddy (the host's binary,
// bound into the container) proxies the vhosts on 127.0.0.1:<proxy port>. The container
// shares the host's network, so the gate's probes go from this process through that caddy
// to the units. App side: a real SQLite draft, Apply into a git clone with a bare remote,
// the real runner, gate and follow-up.
import { existsSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAdminContext } from "@/lib/auth/admin-context";
import { applyDraft } from "@/lib/apply/apply-draft";
import { compareDraftWithHead } from "@/lib/changes/pending";
import { renderDraft } from "@/lib/changes/render-draft";
import type { PrismaClient } from "@/lib/db/client";
import { parseActivationPreview } from "@/lib/deploy/activation-preview";
import { loadDeployTarget } from "@/lib/deploy/config";
import { healthGateAfterSwitch } from "@/lib/deploy/health/after-switch";
import type { HealthOutcome } from "@/lib/deploy/health/gate";
import { LogBus } from "@/lib/deploy/log-bus";
import { prismaLogStore } from "@/lib/deploy/log-store";
import { switchFromPreview } from "@/lib/deploy/preview-switch";
import { DeployRunner } from "@/lib/deploy/runner";
import { createSystemdTransport } from "@/lib/deploy/transport-systemd";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { openRepo } from "@/lib/repo/open-repo";
import { createRepoRig, git, RIG_ADMIN, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { adminAs } from "@/lib/testing/admin-context";
import { freePort, freePorts } from "@/lib/testing/ports";
import { createTestDatabase } from "@/lib/testing/test-db";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { startSystemdTarget, type SystemdTarget, systemdTargetUnavailable } from "@/scripts/test-rig/systemd-target";
import { attachHealthFollowUp, type FollowUps } from "./health-follow-up";
import { gateStatusesInCaddyLog } from "@/scripts/test-rig/caddy-access-log";

const unavailable = systemdTargetUnavailable() ?? (existsSync("/usr/bin/caddy") ? null : "Debian's caddy is missing (scripts/install-system-deps.sh installs it)");
if (unavailable) console.warn(`auto-rollback.systemd.test.ts skipped: ${unavailable}`);

let db: PrismaClient;
let cleanupDb: () => Promise<void>;
let repo: RepoRig;
let rig: TestRig;
let target: SystemdTarget;
let runner: DeployRunner;
let followUps: FollowUps;
let detach: () => void;
let proxyPort: number;
let env: Record<string, string>;

const anna = () => issueAdminContext({ user: RIG_ADMIN.user, name: RIG_ADMIN.name, email: RIG_ADMIN.email, groups: ["admins"], source: "proxy" }, db);
const standinOptions = () => ({ domain: repo.settings.domain, upstreams: { proxyPort } });

beforeAll(async () => {
  if (unavailable) return;
  ({ db, cleanup: cleanupDb } = await createTestDatabase());
  const draft = withHomeyCore(RIG_DRAFT);
  let ports: number[];
  [proxyPort, ...ports] = await freePorts(draft.virtualHosts.length + 1);
  await writeDraft(db, { ...draft, virtualHosts: draft.virtualHosts.map((v, i) => ({ ...v, upstreamPort: ports[i] })) });
  [repo, rig] = await Promise.all([createRepoRig({ remote: true }), startTestRig({ sshd: false })]);
  rig.standin.setOptions(standinOptions());
  // The repo rig lives outside the rig dir: bound in, so the target's Nix builds from the same clone.
  target = await startSystemdTarget({ dir: rig.dir, standinEnv: rig.standin.env, binds: [repo.root] });
  env = {
    ...target.env,
    HOMEY_DEPLOY_FLAKE_REPO: repo.clone,
    HOMEY_DEPLOY_HEALTH_GATE: "auto",
    HOMEY_DEPLOY_HEALTH_BASE_URL: `http://127.0.0.1:${proxyPort}`,
    HOMEY_DEPLOY_HEALTH_WINDOW_S: "5",
  };
  const loadTarget = () => loadDeployTarget(env);
  runner = new DeployRunner({
    prisma: db,
    bus: new LogBus(prismaLogStore(db), { flushIntervalMs: 50 }),
    loadTarget,
    transportFor: (t) => {
      if (t.transport !== "ssh") throw new Error(`unexpected transport ${t.transport}`);
      return createSystemdTransport(t, { pollIntervalMs: 300, settleMs: 500 });
    },
    healthGate: healthGateAfterSwitch({ prisma: db, settings: () => repo.settings, domain: () => repo.settings.domain }),
    progressIntervalMs: 50,
  });
  ({ detach, followUps } = attachHealthFollowUp({
    runner,
    system: issueAdminContext({ user: "homey-admin", name: "homey-admin", email: "", groups: [], source: "system" }, db),
    settings: () => repo.settings,
    loadTarget,
  }));
}, 600_000);

afterAll(async () => {
  detach?.();
  await target?.stop();
  await rig?.stop();
  await repo?.cleanup();
  await cleanupDb?.();
});

/** `systemctl <verb> <unit>` inside the container: its answer, whatever the exit code. */
async function systemctl(verb: "is-active" | "is-failed", unit: string): Promise<string> {
  return (await target.exec(["sh", "-c", 'systemctl "$0" -- "$1"; true', verb, unit])).trim();
}

async function unitProperty(unit: string, property: string): Promise<string> {
  return (await target.exec(["systemctl", "show", `--property=${property}`, "--value", "--", unit])).trim();
}

/** The units the stand-in activation wrote into the container's /run/systemd/system. */
async function standinUnits(): Promise<string[]> {
  const out = await target.exec(["sh", "-c", "grep -l '^# homey-admin stand-in unit' /run/systemd/system/*.service 2>/dev/null | xargs -rn1 basename; true"]);
  return out.split("\n").filter(Boolean).sort();
}

async function activeUnits(): Promise<string[]> {
  const units = await standinUnits();
  const states = await Promise.all(units.map((u) => systemctl("is-active", u)));
  return units.filter((_, i) => states[i] === "active");
}

/** One GET through the container's caddy with this Host: status, Server header, body. */
function throughCaddy(host: string, urlPath = "/"): Promise<{ status: number; server: string; body: string }> {
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


async function apply(): Promise<string> {
  const result = await applyDraft({ admin: anna(), settings: repo.settings, demo: false });
  if (result.status !== "committed") throw new Error(`nothing was committed: ${JSON.stringify(result)}`);
  return result.commit.sha;
}

async function applyAndSwitch(): Promise<{ sha: string; deployId: number }> {
  const sha = await apply();
  const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "anna" });
  await runner.waitFor(deployId);
  return { sha, deployId };
}

async function setEnabled(name: string, enabled: boolean): Promise<void> {
  await db.service.update({ where: { name }, data: { enabled, version: { increment: 1 } } });
}

const CORE_UNITS = ["caddy.service", "grafana.service", "homey-admin.service", "openldap.service", "podman-authelia.service", "podman-nextcloud.service"];

describe.skipIf(!!unavailable)("real systemd units on the nspawn target (detached deploys over SSH)", () => {
  it("a deploy that stops a monitored unit: the gate probes it through caddy → unhealthy → rolled back, the unit active again", async () => {
    const good = await applyAndSwitch();
    const first = await db.deploy.findUniqueOrThrow({ where: { id: good.deployId } });
    expect([first.status, JSON.parse(first.health!).verdict]).toEqual(["succeeded", "healthy"]);
    await followUps.get(good.deployId);
    // One real unit per enabled service, all running.
    expect(await standinUnits()).toEqual(CORE_UNITS);
    expect(await activeUnits()).toEqual(CORE_UNITS);
    const grafanaStartedAt = await unitProperty("grafana.service", "ActiveEnterTimestampMonotonic");

    await setEnabled("grafana", false);
    const bad = await applyAndSwitch();
    const switchEnd = Date.now();
    const outcome = await followUps.get(bad.deployId);
    const rolledBackAt = Date.now();
    expect(outcome?.end.status).toBe("succeeded");
    expect(outcome?.problem).toBeNull();
    const row = await db.deploy.findUniqueOrThrow({ where: { id: bad.deployId } });
    const health = JSON.parse(row.health!) as HealthOutcome;
    expect(health.verdict).toBe("unhealthy");
    // Caddy's 502: the unit was really stopped, nothing listened behind the vhost.
    expect(health.probes.filter((p) => !p.ok).map((p) => [p.monitor, p.reason])).toEqual([["Grafana", "HTTP 502"]]);
    expect(row.healthDecision).toBe("rolled_back");
    expect((await db.deploy.findUniqueOrThrow({ where: { id: bad.deployId } })).status).toBe("succeeded");
    const badLines = (await db.deployLogLine.findMany({ where: { deployId: bad.deployId }, orderBy: { seq: "asc" } })).map((l) => l.text);
    expect(badLines).toContain("stopping the following units: grafana.service");

    // The rollback started the real unit again: a new start, active, its file back in /run/systemd/system.
    const rollback = await db.deploy.findUniqueOrThrow({ where: { id: outcome!.rollbackDeployId } });
    expect([rollback.action, rollback.status, rollback.commitSha]).toEqual(["rollback", "succeeded", good.sha]);
    expect(await systemctl("is-active", "grafana.service")).toBe("active");
    expect(await unitProperty("grafana.service", "ActiveEnterTimestampMonotonic")).not.toBe(grafanaStartedAt);
    expect(await activeUnits()).toEqual(CORE_UNITS);
    expect(rig.standin.readActivated()?.configuration.rev).toBe(good.sha);
    // The probes went through the real caddy in the container (200 before, 502 while grafana.service was stopped),
    // and caddy outlived the deploy units that started it (its own scope): it serves the restarted unit now.
    const grafanaHost = `grafana.${repo.settings.domain}`;
    expect(gateStatusesInCaddyLog(rig.standin.stateDir, grafanaHost)).toEqual(expect.arrayContaining([200, 502]));
    const now = await throughCaddy(grafanaHost, "/api/health");
    expect([now.status, now.server]).toEqual([200, "Caddy"]);
    expect(now.body).toContain(`homey stand-in upstream for ${grafanaHost}`);

    // A revert commit in the remote, and the draft equals HEAD.
    const remoteHead = git(repo.remote!, "rev-parse", "main").trim();
    expect(row.revertSha).toBe(remoteHead);
    expect(git(repo.remote!, "log", "-1", "--format=%s", "main")).toContain(`Revert ${bad.sha.slice(0, 7)}: rolled back deploy #${bad.deployId}`);
    expect(git(repo.remote!, "rev-parse", "main:generated")).toBe(git(repo.remote!, "rev-parse", `${good.sha}:generated`));
    const draft = await loadDraftSnapshot(adminAs(db));
    expect(draft.services.find((s) => s.name === "grafana")?.enabled).toBe(true);
    expect((await compareDraftWithHead(await openRepo(repo.settings), repo.settings, draft, renderDraft(draft))).files).toEqual([]);
    console.log(
      `figures (nspawn, detached over SSH): gate start → verdict ${Date.parse(health.finishedAt) - Date.parse(health.startedAt)} ms; deploy end → rollback complete (rollback unit + revert commit + draft reset) ${rolledBackAt - switchEnd} ms`,
    );
  }, 300_000);

  it("the preview lists exactly the units that then stop, start, restart and reload in the container", async () => {
    env.HOMEY_DEPLOY_HEALTH_GATE = "off"; // this test is about units, not probes
    try {
      await setEnabled("nextcloud", false);
      await setEnabled("uptime-kuma", true);
      // An access rule (authelia's NIXOS_CONFIG_HASH: restart) and a vhost's port (caddy's reload trigger).
      await db.accessRule.updateMany({ where: { priority: 0 }, data: { resources: JSON.stringify(["^/api/health$"]), version: { increment: 1 } } });
      await db.virtualHost.update({ where: { subdomain: "cloud" }, data: { upstreamPort: await freePort(), version: { increment: 1 } } });
      const sha = await apply();
      const before = await standinUnits();
      const startedAt = async (unit: string) => unitProperty(unit, "ActiveEnterTimestampMonotonic");
      const [autheliaBefore, caddyBefore] = [await startedAt("podman-authelia.service"), await startedAt("caddy.service")];
      const { deployId: previewId } = await runner.start({ action: "dry-activate", commitSha: sha, actor: "anna" });
      expect((await runner.waitFor(previewId))?.status).toBe("succeeded");
      const lines = (await db.deployLogLine.findMany({ where: { deployId: previewId }, orderBy: { seq: "asc" } })).map((l) => l.text);
      const preview = parseActivationPreview(lines);
      expect(preview).toMatchObject({
        stop: ["podman-nextcloud.service"],
        start: ["podman-uptime-kuma.service", "uptime-kuma-sync.service"],
        restart: ["podman-authelia.service"],
        reload: ["caddy.service"],
        notRestarted: [],
      });
      // What it names is real now: the unit to stop runs, the units to start do not exist yet.
      expect(await systemctl("is-active", "podman-nextcloud.service")).toBe("active");
      for (const unit of preview.start) expect(await unitProperty(unit, "LoadState")).toBe("not-found");
      expect(await standinUnits()).toEqual(before); // a preview touches no unit

      const { deployId } = await switchFromPreview(adminAs(db, "anna"), runner, previewId);
      expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
      const after = await standinUnits();
      // Exactly the preview's units changed: gone ones are the stops, new ones the starts.
      expect(before.filter((u) => !after.includes(u))).toEqual(preview.stop);
      expect(after.filter((u) => !before.includes(u))).toEqual(preview.start);
      expect(await unitProperty("podman-nextcloud.service", "LoadState")).toBe("not-found");
      expect(await systemctl("is-active", "podman-nextcloud.service")).toBe("inactive");
      for (const unit of preview.start) expect(await systemctl("is-active", unit)).toBe("active");
      // The restart is a new start of the same unit; the reload is systemd's reload job, no restart.
      expect(await systemctl("is-active", "podman-authelia.service")).toBe("active");
      expect(await startedAt("podman-authelia.service")).not.toBe(autheliaBefore);
      expect(await startedAt("caddy.service")).toBe(caddyBefore);
      expect(await target.exec(["journalctl", "--no-pager", "-o", "cat", "-u", "caddy.service"])).toMatch(/^Reloaded caddy\.service - homey caddy/m);
      // Units the preview did not name were left alone.
      for (const unit of ["grafana.service", "openldap.service", "homey-admin.service"]) expect(await systemctl("is-active", unit)).toBe("active");
    } finally {
      env.HOMEY_DEPLOY_HEALTH_GATE = "auto";
    }
  }, 300_000);

  it("a unit that fails to start: units_failed naming it, systemctl is-failed confirms, the gate reports it", async () => {
    env.HOMEY_DEPLOY_HEALTH_GATE = "ask"; // keep the failed state for systemctl to see (no automatic rollback)
    rig.standin.setOptions({ ...standinOptions(), brokenUnits: ["podman-nextcloud.service"] });
    try {
      await setEnabled("nextcloud", true);
      const { deployId } = await applyAndSwitch();
      const row = await db.deploy.findUniqueOrThrow({ where: { id: deployId } });
      expect([row.status, row.exitCode, row.error]).toEqual(["units_failed", 4, "switched, but these units failed: podman-nextcloud.service"]);
      const lines = (await db.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } })).map((l) => l.text);
      expect(lines).toContain("the following new units were started: podman-nextcloud.service");
      expect(lines).toContain("warning: the following units failed: podman-nextcloud.service");
      expect(await systemctl("is-failed", "podman-nextcloud.service")).toBe("failed");
      expect(await unitProperty("podman-nextcloud.service", "Result")).toBe("exit-code");
      // The others still run.
      expect(await systemctl("is-active", "grafana.service")).toBe("active");
      const health = JSON.parse(row.health!) as HealthOutcome;
      expect(health.verdict).toBe("unhealthy");
      expect(JSON.stringify(health)).toContain("podman-nextcloud.service");
    } finally {
      env.HOMEY_DEPLOY_HEALTH_GATE = "auto";
      rig.standin.setOptions(standinOptions());
    }
  }, 300_000);
});
