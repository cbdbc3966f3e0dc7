# services.homey-admin: the dashboard as a hardened systemd service behind homey's Caddy.
# Secrets reach the app only as files: systemd's LoadCredential copies each one into the
# unit's private credentials directory ($CREDENTIALS_DIRECTORY, `%d` in unit settings), and
# the app's `*_FILE` variables point there. Nothing secret is in the Nix store, in the unit's
# Environment, or readable by the (dynamic) service user outside its own runtime.
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.services.homey-admin;
  inherit (lib) mkEnableOption mkIf mkMerge mkOption types;

  stateDir = "/var/lib/homey-admin";

  # homey-admin's self-restart (lib/deploy/self-restart.ts): the app creates this file once a
  # deploy that changed its package is recorded; homey-admin-restart.path sees it. The app
  # names it in its own view of the state directory; the path unit watches the real file:
  # systemd keeps a DynamicUser's StateDirectory under /var/lib/private and links
  # /var/lib/homey-admin to it, and the real path leaves no symlink for inotify to resolve.
  restartRequest = "${stateDir}/restart-request";
  restartRequestOnHost = "/var/lib/private/homey-admin/restart-request";

  # An absolute path outside the Nix store, as a string: a Nix path literal here would copy
  # the secret into the world-readable store.
  secretPath = types.nullOr (types.strMatching "/.+");

  # name in $CREDENTIALS_DIRECTORY -> the file on the host, for the secrets that are set.
  credentials = lib.filterAttrs (_: file: file != null) {
    proxy-secret = cfg.proxySecretFile;
    breakglass-hash = cfg.breakGlass.hashFile;
    nextauth-secret = cfg.breakGlass.sessionSecretFile;
    deploy-key = if cfg.deploy.transport == "ssh" then cfg.deploy.keyFile else null;
    known-hosts = if cfg.deploy.transport == "ssh" then cfg.deploy.knownHostsFile else null;
    notify-token = cfg.notify.tokenFile;
  };
  credentialPath = name: "%d/${name}";

  # Names are the app's own (lib/config/env.ts, lib/deploy/config.ts).
  environment =
    {
      NODE_ENV = "production";
      NEXT_TELEMETRY_DISABLED = "1";
      HOME = stateDir;
      HOMEY_DATA_DIR = stateDir;
      DATABASE_URL = "file:${stateDir}/homey-admin.db";
      HOST = cfg.listenAddress;
      PORT = toString cfg.port;
      HOMEY_DOMAIN = cfg.domain;
      HOMEY_ADMIN_HOST = cfg.subdomain;
      HOMEY_ADMIN_GROUP = cfg.adminGroup;
      HOMEY_TRUSTED_PROXIES = lib.concatStringsSep "," cfg.trustedProxies;
      HOMEY_REPO_PATH = cfg.repo.path;
      HOMEY_REPO_BRANCH = cfg.repo.branch;
      HOMEY_GENERATED_DIR = cfg.repo.generatedDir;
      HOMEY_DEPLOY_TRANSPORT = cfg.deploy.transport;
      HOMEY_DEPLOY_FLAKE_ATTR = cfg.deploy.flakeAttr;
      # After a switch the app compares this with the package of the homey-admin.service the
      # switch loaded; when they differ it asks for a restart through HOMEY_ADMIN_RESTART_FILE.
      HOMEY_ADMIN_PACKAGE = "${cfg.package}";
      HOMEY_ADMIN_RESTART_FILE = restartRequest;
      HOMEY_DEPLOY_HEALTH_GATE = cfg.deploy.healthGate;
    }
    // lib.optionalAttrs (cfg.notify.url != null) { HOMEY_NOTIFY_URL = cfg.notify.url; }
    // lib.optionalAttrs (cfg.notify.tokenFile != null) { HOMEY_NOTIFY_TOKEN_FILE = credentialPath "notify-token"; }
    // lib.optionalAttrs (cfg.repo.remote != null) { HOMEY_REPO_REMOTE = cfg.repo.remote; }
    // lib.optionalAttrs (cfg.deploy.transport == "ssh") (
      {
        HOMEY_DEPLOY_HOST = cfg.deploy.host;
        HOMEY_DEPLOY_PORT = toString cfg.deploy.port;
        HOMEY_DEPLOY_USER = cfg.deploy.user;
        HOMEY_DEPLOY_DETACH = cfg.deploy.detach;
        # Already a path variable: the key itself is only ever read from this file.
        HOMEY_DEPLOY_KEY_FILE = credentialPath "deploy-key";
      }
      // lib.optionalAttrs (cfg.deploy.hostKey != null) { HOMEY_DEPLOY_HOST_KEY = cfg.deploy.hostKey; }
      // lib.optionalAttrs (cfg.deploy.knownHostsFile != null) { HOMEY_DEPLOY_KNOWN_HOSTS = credentialPath "known-hosts"; }
    )
    // lib.optionalAttrs (cfg.proxySecretFile != null) { HOMEY_PROXY_SECRET_FILE = credentialPath "proxy-secret"; }
    // lib.optionalAttrs (cfg.breakGlass.hashFile != null) {
      HOMEY_BREAKGLASS_HASH_FILE = credentialPath "breakglass-hash";
      NEXTAUTH_SECRET_FILE = credentialPath "nextauth-secret";
      NEXTAUTH_URL = "https://${adminHost}";
    }
    # The module defines the dashboard's vhost and rules: the app shows its draft copies
    # read-only and leaves them out of generated/ (lib/model/module-managed.ts).
    // lib.optionalAttrs cfg.caddy.contributeVhost { HOMEY_ADMIN_VHOST_FROM_MODULE = "1"; };

  adminHost = "${cfg.subdomain}.${cfg.domain}";
in
{
  options.services.homey-admin = {
    enable = mkEnableOption "homey-admin, the web admin dashboard for the homey homelab";

    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { inherit (cfg) npmRegistry; };
      defaultText = lib.literalExpression "pkgs.callPackage ./nix/package.nix { inherit (config.services.homey-admin) npmRegistry; }";
      description = "The homey-admin package. The default builds it from this flake with {option}`services.homey-admin.npmRegistry`.";
    };

    npmRegistry = mkOption {
      type = types.nullOr (types.strMatching "https?://.+");
      default = null;
      example = "https://npm.example.org";
      description = ''
        Base URL of the npm registry the default package fetches its dependencies from (each
        tarball at `<base>/<name>/-/<name>-<version>.tgz`, verified against the lock's
        `integrity`). package-lock.json names no registry, so there is no default: set this,
        or set {option}`services.homey-admin.package` yourself.
      '';
    };

    listenAddress = mkOption {
      type = types.str;
      default = "127.0.0.1";
      description = "Address the server listens on. Keep it on loopback: only Caddy (forward_auth) may reach it.";
    };

    port = mkOption {
      type = types.port;
      default = 3000;
      description = "TCP port the server listens on.";
    };

    domain = mkOption {
      type = types.str;
      example = "example.org";
      description = "homey's domain (the `domain` specialArg). The dashboard is served at `admin.<domain>`.";
    };

    subdomain = mkOption {
      type = types.strMatching "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
      default = "admin";
      description = "The dashboard's subdomain: it is served at `<subdomain>.<domain>` (HOMEY_ADMIN_HOST).";
    };

    caddy = {
      contributeVhost = mkOption {
        type = types.bool;
        default = false;
        description = ''
          Define the dashboard's vhost and its Authelia rules here, through homey's own options:
          `homey.caddy.virtualHosts.<subdomain>` (to listenAddress:port, behind Authelia's
          forward_auth, as homey's caddy.nix builds every vhost with `auth = true`) and the
          admins-only pair in `homey.authelia.accessControlRules` (`two_factor` for
          `group:<adminGroup>`, then `deny`). The app then shows its draft copies read-only and
          leaves them out of `generated/`, so nothing is defined twice. Needs homey's modules
          (they declare those options). Off: homey's own configuration (or the draft) defines them.
        '';
      };
      rulePriority = mkOption {
        type = types.ints.between 20 48;
        default = 20;
        description = "Priority of the contributed `two_factor` rule (the `deny` follows at +1): homey's 20–49 admin range.";
      };
    };

    adminGroup = mkOption {
      type = types.str;
      default = "admins";
      description = "The only LDAP/Authelia group let in (from the `Remote-Groups` header).";
    };

    trustedProxies = mkOption {
      type = types.listOf types.str;
      default = [
        "127.0.0.1"
        "::1"
      ];
      description = "Peers (addresses or IPv4 CIDR) whose `Remote-*` headers are trusted: homey's Caddy.";
    };

    notify = {
      url = mkOption {
        type = types.nullOr (types.strMatching "https?://.+");
        default = null;
        example = "https://ntfy.example.org/homey";
        description = "An ntfy-compatible topic URL: one POST per unhealthy deploy, automatic rollback and failure, with the deploy's link. Nothing is sent when unset.";
      };
      tokenFile = mkOption {
        type = secretPath;
        default = null;
        example = "/run/secrets/homey-admin/ntfy-token";
        description = "File holding the webhook's access token (sent as `Authorization: Bearer`); LoadCredential, read through HOMEY_NOTIFY_TOKEN_FILE.";
      };
    };

    proxySecretFile = mkOption {
      type = secretPath;
      default = null;
      example = "/run/secrets/homey-admin/proxy-secret";
      description = ''
        File holding the secret Caddy sends in `X-Homey-Proxy-Secret` (e.g. a sops secret).
        Passed to the unit with LoadCredential; the app reads it through HOMEY_PROXY_SECRET_FILE.
      '';
    };

    breakGlass = {
      hashFile = mkOption {
        type = secretPath;
        default = null;
        example = "/run/secrets/homey-admin/breakglass-hash";
        description = ''
          File holding the break-glass password hash (`npx tsx scripts/hash-password.ts < password`).
          The login at `/break-glass` is off unless this and
          {option}`services.homey-admin.breakGlass.sessionSecretFile` are set.
        '';
      };
      sessionSecretFile = mkOption {
        type = secretPath;
        default = null;
        example = "/run/secrets/homey-admin/nextauth-secret";
        description = "File holding next-auth's session key for the break-glass login (NEXTAUTH_SECRET_FILE).";
      };
    };

    repo = {
      path = mkOption {
        type = types.strMatching "/.+";
        default = "${stateDir}/homey";
        description = "The app's working clone of the homey repo (under the state directory by default).";
      };
      remote = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "ssh://git@git.example.org/homey.git";
        description = "Remote the clone pulls from (fast-forward only) and pushes to; null keeps it local.";
      };
      branch = mkOption {
        type = types.str;
        default = "main";
        description = "Branch of the homey repo the app commits to.";
      };
      generatedDir = mkOption {
        type = types.str;
        default = "generated";
        description = "The one folder of the homey repo homey-admin owns (the flake imports `./generated`).";
      };
    };

    deploy = {
      transport = mkOption {
        type = types.enum [
          "ssh"
          "local"
        ];
        default = "ssh";
        description = ''
          How deploys reach the machine that runs nixos-rebuild. `ssh` (also to this host, as
          root via a key): the service itself has no privileges. `local` runs nixos-rebuild as
          the service's own unprivileged user, which cannot switch a system.
        '';
      };
      host = mkOption {
        type = types.str;
        default = "127.0.0.1";
        description = "Host the ssh transport connects to.";
      };
      port = mkOption {
        type = types.port;
        default = 22;
        description = "SSH port of the deploy target.";
      };
      user = mkOption {
        type = types.str;
        default = "root";
        description = "User the ssh transport logs in as (it runs nixos-rebuild).";
      };
      keyFile = mkOption {
        type = secretPath;
        default = null;
        example = "/run/secrets/homey-admin/deploy-key";
        description = "Private SSH key for the deploy (LoadCredential; HOMEY_DEPLOY_KEY_FILE points at the copy).";
      };
      hostKey = mkOption {
        type = types.nullOr (types.strMatching "SHA256:[A-Za-z0-9+/]{43}=?");
        default = null;
        example = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        description = "The target's pinned ed25519 host key fingerprint (`ssh-keygen -lf` of its public key). Set this or knownHostsFile.";
      };
      knownHostsFile = mkOption {
        type = types.nullOr (types.strMatching "/.+");
        default = null;
        example = "/etc/ssh/ssh_known_hosts";
        description = "A known_hosts file pinning the target's host key, instead of hostKey.";
      };
      detach = mkOption {
        type = types.enum [
          "systemd"
          "off"
        ];
        default = "systemd";
        description = ''
          ssh transport: `systemd` runs each rebuild on the target as its own transient unit
          (`homey-admin-deploy-<id>-<token>`, output in the journal), so a dropped SSH session, a
          networking restart or homey-admin's own restart does not stop it, and homey-admin
          reattaches to it; a second deploy is refused while one runs. `off` runs the rebuild
          inside the SSH session (targets without systemd).
        '';
      };
      flakeAttr = mkOption {
        type = types.strMatching "[A-Za-z0-9_][A-Za-z0-9_'-]*";
        default = "pi-main";
        description = "The homey flake's `nixosConfigurations.<attr>` to deploy.";
      };
      healthGate = mkOption {
        type = types.enum [
          "auto"
          "ask"
          "off"
        ];
        default = "auto";
        description = "After a switch the health gate probes the monitors of the touched services. When it finds the system unhealthy: roll back automatically (auto), ask the admin (ask), or only record the verdict (off). A rollback switches to the previous generation, then makes a revert commit (by homey-admin, on behalf of the admin) and resets the draft to it.";
      };
    };
  };

  config = mkIf cfg.enable (mkMerge [ {
    assertions = [
      {
        assertion = cfg.deploy.transport != "ssh" || cfg.deploy.keyFile != null;
        message = "services.homey-admin.deploy.keyFile is required for the ssh transport.";
      }
      {
        assertion = cfg.deploy.transport != "ssh" || ((cfg.deploy.hostKey == null) != (cfg.deploy.knownHostsFile == null));
        message = "services.homey-admin: pin the deploy target's host key with exactly one of deploy.hostKey and deploy.knownHostsFile.";
      }
      {
        assertion = (cfg.breakGlass.hashFile == null) == (cfg.breakGlass.sessionSecretFile == null);
        message = "services.homey-admin.breakGlass: set both hashFile and sessionSecretFile, or neither.";
      }
    ];

    systemd.services.homey-admin = {
      description = "homey-admin, the homey homelab's admin dashboard";
      wantedBy = [ "multi-user.target" ];
      after = [ "network.target" ];
      # A switch must not restart the app that runs it; the app restarts itself afterwards.
      restartIfChanged = false;
      # git for the working clone, Nix for checking what it renders.
      path = [
        pkgs.git
        config.nix.package
      ];
      inherit environment;

      serviceConfig = {
        ExecStartPre = "${cfg.package}/bin/homey-admin-migrate";
        ExecStart = "${cfg.package}/bin/homey-admin";
        Restart = "on-failure";
        RestartSec = 5;

        DynamicUser = true;
        StateDirectory = "homey-admin";
        StateDirectoryMode = "0700";
        WorkingDirectory = stateDir;
        UMask = "0077";
        LoadCredential = lib.mapAttrsToList (name: file: "${name}:${file}") credentials;

        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        PrivateTmp = true;
        PrivateDevices = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectKernelLogs = true;
        ProtectControlGroups = true;
        ProtectClock = true;
        ProtectHostname = true;
        ProtectProc = "invisible";
        ProcSubset = "pid";
        RestrictAddressFamilies = [
          "AF_UNIX"
          "AF_INET"
          "AF_INET6"
        ];
        RestrictNamespaces = true;
        RestrictRealtime = true;
        RestrictSUIDSGID = true;
        LockPersonality = true;
        # V8 compiles JavaScript to machine code at run time: W^X would kill node.
        MemoryDenyWriteExecute = false;
        CapabilityBoundingSet = "";
        AmbientCapabilities = "";
        SystemCallArchitectures = "native";
        SystemCallFilter = [
          "@system-service"
          "~@privileged"
        ];
        DevicePolicy = "closed";
      };
    };

    # The restart the app cannot do itself (it has no privileges and must not get any): it
    # creates the request file; systemd (PID 1) sees it and root's oneshot restarts the app.
    # PathExists= is a state, not an event: it is checked when the path unit starts (a
    # request left by a reboot is still honoured) and again when the oneshot ends.
    systemd.paths.homey-admin-restart = {
      description = "homey-admin's request to restart itself after a deploy changed its package";
      wantedBy = [ "multi-user.target" ];
      pathConfig = {
        PathExists = restartRequestOnHost;
        Unit = "homey-admin-restart.service";
      };
    };
    systemd.services.homey-admin-restart = {
      description = "Restart homey-admin into the package the last deploy installed";
      serviceConfig = {
        Type = "oneshot";
        # The request goes first: a file still there when this ends would trigger again.
        ExecStart = [
          "${pkgs.coreutils}/bin/rm -f ${restartRequestOnHost}"
          "${config.systemd.package}/bin/systemctl restart homey-admin.service"
        ];
      };
    };
  }

  # What homey's generated/vhosts.nix and access-rules.nix would say for the dashboard, said
  # here instead (same option names and shapes as nix-templates/).
  (mkIf cfg.caddy.contributeVhost {
    homey.caddy.virtualHosts.${cfg.subdomain} = {
      host = cfg.listenAddress;
      port = cfg.port;
      auth = true;
    };
    homey.authelia.accessControlRules = [
      {
        priority = cfg.caddy.rulePriority;
        domain = [ adminHost ];
        policy = "two_factor";
        subject = [ [ "group:${cfg.adminGroup}" ] ];
      }
      {
        priority = cfg.caddy.rulePriority + 1;
        domain = [ adminHost ];
        policy = "deny";
      }
    ];
  })
  ]);
}
