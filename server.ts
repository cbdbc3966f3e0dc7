// Production entry point. A custom server exists for one reason: Next has no API for the
// TCP peer address, and trusting Remote-User needs it. We overwrite x-homey-peer with the
// socket's address so no client can forge it (see lib/auth/trust.ts).
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER, normalisePeer } from "./lib/auth/peer";
import { useBuiltNextConfig } from "./lib/config/built-next-config";
import { ConfigError, loadConfig, setDemoMode } from "./lib/config/load";
import { configureDemoDeployTarget } from "./lib/demo/demo-target";
import { enforceBodyLimit } from "./lib/http/body-limit";
import nextConfig from "./next.config";

// homey runs in homelabs, often offline: Next.js must never phone home, however it is started.
// eslint-disable-next-line no-restricted-properties -- a setting for Next itself, not one homey-admin reads
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  // Demo mode comes from the --demo flag of this process only, never from an inherited env.
  setDemoMode(process.argv.includes("--demo"));
  // Every variable validated before Next starts: one message lists every bad one.
  let config = loadConfig();
  if (config.demoMode) {
    console.log(`homey-admin: ${await configureDemoDeployTarget(config.dataDir, config.HOMEY_DOMAIN)}`);
    config = loadConfig(); // the simulated target's deploy settings, checked the same way
  }
  const { PORT: port, HOST: hostname } = config;
  useBuiltNextConfig(nextConfig.distDir ?? ".next");
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((req, res) => {
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = normalisePeer(req.socket.remoteAddress ?? "");
    // Over-limit bodies get 413 and a sentence here (Next itself would answer 500).
    if (!enforceBodyLimit(req, res)) return;
    handle(req, res);
  }).listen(port, hostname, () => {
    const mode = config.demoMode ? " (DEMO MODE)" : "";
    console.log(`homey-admin listening on http://${hostname}:${port}${mode}`);
  });
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error("homey-admin failed to start:", error);
  process.exit(1);
});
