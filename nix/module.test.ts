// The flake's Nix files parse, and nix/module.nix evaluates (with the stub lib/pkgs of
// nix/testing/) to the unit we mean: a dynamic user, its state directory, secrets only as
// credentials, hardening, the app's own environment variables, the package's wrappers.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, evalNixError, evalNixJson, parseNixFile } from "./testing/nix-eval";

const HOST_KEY = "SHA256:" + "A".repeat(43);
const SECRETS = {
  proxySecretFile: "/run/secrets/homey-admin/proxy-secret",
  hashFile: "/run/secrets/homey-admin/breakglass-hash",
  sessionSecretFile: "/run/secrets/homey-admin/nextauth-secret",
  keyFile: "/run/secrets/homey-admin/deploy-key",
};

interface Unit {
  restartIfChanged: boolean;
  wantedBy: string[];
  path: string[];
  environment: Record<string, string>;
  serviceConfig: Record<string, unknown>;
}
interface Evaluated {
  unit: Unit;
  restartPath: { wantedBy: string[]; pathConfig: Record<string, string> };
  restartService: { serviceConfig: Record<string, unknown>; wantedBy?: string[] };
  packagePath: string;
  failedAssertions: string[];
  packageArgs: Record<string, unknown>;
}

/** Evaluates the module with `settings` under services.homey-admin (a Nix attrset expression). */
function evaluate(settings: string): Evaluated {
  return evalNixJson(`
    let
      pkgs = import ./nix/testing/pkgs-stub.nix;
      r = import ./nix/testing/eval-nixos-module.nix {
        module = ./nix/module.nix;
        otherConfig.nix.package = pkgs.stubDerivation "nix-stub";
        otherConfig.systemd.package = pkgs.stubDerivation "systemd-stub";
        settings.services.homey-admin = ${settings};
      };
    in {
      unit = r.config.systemd.services.homey-admin;
      restartPath = r.config.systemd.paths.homey-admin-restart;
      restartService = r.config.systemd.services.homey-admin-restart;
      packagePath = r.config.services.homey-admin.package.outPath;
      inherit (r) failedAssertions;
      packageArgs = r.config.services.homey-admin.package.callPackageArgs;
    }`) as Evaluated;
}

const full = `{
  enable = true;
  domain = "example.org";
  npmRegistry = "https://registry.invalid";
  port = 3100;
  trustedProxies = [ "127.0.0.1" ];
  proxySecretFile = "${SECRETS.proxySecretFile}";
  breakGlass.hashFile = "${SECRETS.hashFile}";
  breakGlass.sessionSecretFile = "${SECRETS.sessionSecretFile}";
  repo.remote = "/srv/git/homey.git";
  deploy = { host = "10.0.0.2"; user = "deploy"; keyFile = "${SECRETS.keyFile}"; hostKey = "${HOST_KEY}"; flakeAttr = "pi-main"; healthGate = "auto"; };
}`;

describe("the flake's Nix files", () => {
  it("all parse", () => {
    const files = ["flake.nix", ...readdirSync(path.join(REPO_ROOT, "nix"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".nix"))
      .map((f) => path.join("nix", f))];
    expect(files).toEqual(expect.arrayContaining(["flake.nix", "nix/module.nix", "nix/package.nix", "nix/lock-urls.nix"]));
    for (const file of files) expect(parseNixFile(file), file).toBeNull();
  });
});

describe("services.homey-admin", () => {
  it("is a dynamic user with its state directory, running the package's wrappers", () => {
    const { unit, failedAssertions, packageArgs } = evaluate(full);
    expect(failedAssertions).toEqual([]);
    expect(unit.serviceConfig).toMatchObject({ DynamicUser: true, StateDirectory: "homey-admin" });
    expect(unit.serviceConfig.User).toBeUndefined();
    expect(unit.serviceConfig.ExecStart).toMatch(/^\/nix\/store\/[^/]+-package\.nix\/bin\/homey-admin$/);
    expect(unit.serviceConfig.ExecStartPre).toMatch(/^\/nix\/store\/[^/]+-package\.nix\/bin\/homey-admin-migrate$/);
    expect(unit.restartIfChanged).toBe(false);
    expect(unit.wantedBy).toEqual(["multi-user.target"]);
    expect(unit.path).toEqual(expect.arrayContaining([expect.stringContaining("git-stub"), expect.stringContaining("nix-stub")]));
    // The default package is built with the registry base the user set.
    expect(packageArgs).toEqual({ npmRegistry: "https://registry.invalid" });
  });

  it("passes every secret as a credential and only its credentials path through the environment", () => {
    const { unit } = evaluate(full);
    expect([...(unit.serviceConfig.LoadCredential as string[])].sort()).toEqual(
      [
        `breakglass-hash:${SECRETS.hashFile}`,
        `deploy-key:${SECRETS.keyFile}`,
        `nextauth-secret:${SECRETS.sessionSecretFile}`,
        `proxy-secret:${SECRETS.proxySecretFile}`,
      ].sort(),
    );
    expect(unit.environment).toMatchObject({
      HOMEY_PROXY_SECRET_FILE: "%d/proxy-secret",
      HOMEY_BREAKGLASS_HASH_FILE: "%d/breakglass-hash",
      NEXTAUTH_SECRET_FILE: "%d/nextauth-secret",
      HOMEY_DEPLOY_KEY_FILE: "%d/deploy-key",
    });
    // No host path of a secret, and no direct secret variable, is in the environment.
    const values = Object.values(unit.environment).join("\n");
    for (const file of Object.values(SECRETS)) expect(values).not.toContain(file);
    expect(Object.keys(unit.environment)).not.toEqual(expect.arrayContaining(["HOMEY_PROXY_SECRET"]));
    expect(Object.keys(unit.environment)).not.toContain("NEXTAUTH_SECRET");
  });

  it("maps the options to the app's environment variables", () => {
    const { unit } = evaluate(full);
    expect(unit.environment).toEqual(
      expect.objectContaining({
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        HOST: "127.0.0.1",
        PORT: "3100",
        HOMEY_DATA_DIR: "/var/lib/homey-admin",
        DATABASE_URL: "file:/var/lib/homey-admin/homey-admin.db",
        HOMEY_DOMAIN: "example.org",
        HOMEY_ADMIN_GROUP: "admins",
        HOMEY_TRUSTED_PROXIES: "127.0.0.1",
        HOMEY_REPO_PATH: "/var/lib/homey-admin/homey",
        HOMEY_REPO_REMOTE: "/srv/git/homey.git",
        HOMEY_REPO_BRANCH: "main",
        HOMEY_GENERATED_DIR: "generated",
        HOMEY_DEPLOY_TRANSPORT: "ssh",
        HOMEY_DEPLOY_HOST: "10.0.0.2",
        HOMEY_DEPLOY_PORT: "22",
        HOMEY_DEPLOY_USER: "deploy",
        HOMEY_DEPLOY_DETACH: "systemd",
        HOMEY_DEPLOY_HOST_KEY: HOST_KEY,
        HOMEY_DEPLOY_FLAKE_ATTR: "pi-main",
        HOMEY_DEPLOY_HEALTH_GATE: "auto",
        NEXTAUTH_URL: "https://admin.example.org",
        HOMEY_ADMIN_HOST: "admin",
      }),
    );
  });

  it("restarts itself through a path unit: the app knows its package and the request file, root's oneshot restarts it", () => {
    const { unit, restartPath, restartService, packagePath } = evaluate(full);
    expect(unit.environment.HOMEY_ADMIN_PACKAGE).toBe(packagePath);
    expect(unit.environment.HOMEY_ADMIN_RESTART_FILE).toBe("/var/lib/homey-admin/restart-request");
    // The real file behind the DynamicUser state directory's symlink, by existence.
    expect(restartPath.pathConfig).toEqual({ PathExists: "/var/lib/private/homey-admin/restart-request", Unit: "homey-admin-restart.service" });
    expect(restartPath.wantedBy).toEqual(["multi-user.target"]);
    expect(restartService.wantedBy).toBeUndefined();
    expect(restartService.serviceConfig).toEqual({
      Type: "oneshot",
      // The request is removed before the restart: PathExists= is checked again when the oneshot ends.
      ExecStart: [
        "/nix/store/00000000000000000000000000000000-coreutils-stub/bin/rm -f /var/lib/private/homey-admin/restart-request",
        "/nix/store/00000000000000000000000000000000-systemd-stub/bin/systemctl restart homey-admin.service",
      ],
    });
    // The oneshot runs as root; the app keeps none of that.
    expect(restartService.serviceConfig.DynamicUser).toBeUndefined();
    expect(unit.serviceConfig.CapabilityBoundingSet).toBe("");
  });

  it("leaves the dashboard's vhost and rules to homey unless caddy.contributeVhost is on", () => {
    const off = evalNixJson(`(import ./nix/testing/eval-nixos-module.nix {
      module = ./nix/module.nix; otherConfig.nix.package = null; otherConfig.systemd.package = null;
      settings.services.homey-admin = { enable = true; domain = "example.org"; deploy.transport = "local"; };
    }).config ? homey`);
    expect(off).toBe(false);
    expect(evaluate(full).unit.environment.HOMEY_ADMIN_VHOST_FROM_MODULE).toBeUndefined();
  });

  it("with caddy.contributeVhost: homey's vhost and admins-only pair, as generated/ would write them, and the app told", () => {
    const result = evalNixJson(`
      let
        pkgs = import ./nix/testing/pkgs-stub.nix;
        r = import ./nix/testing/eval-nixos-module.nix {
          module = ./nix/module.nix;
          otherConfig.nix.package = pkgs.stubDerivation "nix-stub";
          otherConfig.systemd.package = pkgs.stubDerivation "systemd-stub";
          settings.services.homey-admin = {
            enable = true; domain = "example.org"; port = 3100; subdomain = "dash"; adminGroup = "wheel-admins";
            deploy.transport = "local"; caddy.contributeVhost = true; caddy.rulePriority = 30;
          };
        };
      in { inherit (r.config) homey; env = r.config.systemd.services.homey-admin.environment; }`) as {
      homey: { caddy: { virtualHosts: Record<string, unknown> }; authelia: { accessControlRules: unknown[] } };
      env: Record<string, string>;
    };
    expect(result.homey.caddy.virtualHosts).toEqual({ dash: { host: "127.0.0.1", port: 3100, auth: true } });
    expect(result.homey.authelia.accessControlRules).toEqual([
      { priority: 30, domain: ["dash.example.org"], policy: "two_factor", subject: [["group:wheel-admins"]] },
      { priority: 31, domain: ["dash.example.org"], policy: "deny" },
    ]);
    expect(result.env).toMatchObject({ HOMEY_ADMIN_VHOST_FROM_MODULE: "1", HOMEY_ADMIN_HOST: "dash", HOMEY_ADMIN_GROUP: "wheel-admins" });
  });

  it("is hardened", () => {
    const { unit } = evaluate(full);
    expect(unit.serviceConfig).toMatchObject({
      NoNewPrivileges: true,
      ProtectSystem: "strict",
      ProtectHome: true,
      PrivateTmp: true,
      PrivateDevices: true,
      RestrictAddressFamilies: ["AF_UNIX", "AF_INET", "AF_INET6"],
      CapabilityBoundingSet: "",
      AmbientCapabilities: "",
      SystemCallFilter: expect.arrayContaining(["@system-service"]),
      RestrictSUIDSGID: true,
      ProtectKernelTunables: true,
      ProtectControlGroups: true,
    });
  });

  it("without secrets: no credentials, break-glass and proxy secret off; a known_hosts file goes in as a credential", () => {
    const { unit, failedAssertions } = evaluate(`{
      enable = true; domain = "example.org";
      deploy = { keyFile = "${SECRETS.keyFile}"; knownHostsFile = "/etc/ssh/ssh_known_hosts"; };
    }`);
    expect(failedAssertions).toEqual([]);
    expect(unit.serviceConfig.LoadCredential).toEqual([`deploy-key:${SECRETS.keyFile}`, "known-hosts:/etc/ssh/ssh_known_hosts"]);
    expect(unit.environment.HOMEY_DEPLOY_KNOWN_HOSTS).toBe("%d/known-hosts");
    for (const name of ["HOMEY_PROXY_SECRET_FILE", "HOMEY_BREAKGLASS_HASH_FILE", "NEXTAUTH_SECRET_FILE", "HOMEY_DEPLOY_HOST_KEY"]) {
      expect(unit.environment[name], name).toBeUndefined();
    }
  });

  it("the webhook: its URL in the environment, its token only as a credential; nothing when unset", () => {
    const { unit, failedAssertions } = evaluate(`{
      enable = true; domain = "example.org";
      deploy = { keyFile = "${SECRETS.keyFile}"; hostKey = "${HOST_KEY}"; };
      notify = { url = "https://ntfy.example.org/homey"; tokenFile = "/run/secrets/homey-admin/ntfy-token"; };
    }`);
    expect(failedAssertions).toEqual([]);
    expect(unit.environment.HOMEY_NOTIFY_URL).toBe("https://ntfy.example.org/homey");
    expect(unit.environment.HOMEY_NOTIFY_TOKEN_FILE).toBe("%d/notify-token");
    expect(unit.serviceConfig.LoadCredential).toContain("notify-token:/run/secrets/homey-admin/ntfy-token");
    const plain = evaluate(`{ enable = true; domain = "example.org"; deploy = { keyFile = "${SECRETS.keyFile}"; hostKey = "${HOST_KEY}"; }; }`);
    expect(plain.unit.environment.HOMEY_NOTIFY_URL).toBeUndefined();
    expect(plain.unit.environment.HOMEY_NOTIFY_TOKEN_FILE).toBeUndefined();
  });

  it("refuses an ssh deploy without a key or a host key pin, and half a break-glass setup", () => {
    const { failedAssertions } = evaluate(`{ enable = true; domain = "example.org"; breakGlass.hashFile = "${SECRETS.hashFile}"; }`);
    expect(failedAssertions).toEqual([
      "services.homey-admin.deploy.keyFile is required for the ssh transport.",
      "services.homey-admin: pin the deploy target's host key with exactly one of deploy.hostKey and deploy.knownHostsFile.",
      "services.homey-admin.breakGlass: set both hashFile and sessionSecretFile, or neither.",
    ]);
  });

  it("rejects mistyped settings, naming the option", () => {
    expect(evalNixError(`(import ./nix/testing/eval-nixos-module.nix {
      module = ./nix/module.nix; settings.services.homey-admin = { enable = true; domain = "x"; port = 70000; };
    }).config.systemd.services.homey-admin.environment.PORT`)).toContain("services.homey-admin.port' is not of type");
    expect(evalNixError(`(import ./nix/testing/eval-nixos-module.nix {
      module = ./nix/module.nix; settings.services.homey-admin = { enable = true; proxySecretFile = "relative/path"; };
    }).config.services.homey-admin.proxySecretFile`)).toContain("services.homey-admin.proxySecretFile' is not of type");
    expect(evalNixError(`(import ./nix/testing/eval-nixos-module.nix {
      module = ./nix/module.nix; settings.services.homey-admin = { enable = true; domian = "x"; };
    }).config`)).toContain("services.homey-admin.domian' does not exist");
  });

  it("sets nothing when disabled", () => {
    const config = evalNixJson(`builtins.attrNames (import ./nix/testing/eval-nixos-module.nix {
      module = ./nix/module.nix; settings = { };
    }).config`);
    expect(config).toEqual(["services"]);
  });
});
