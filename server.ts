// Production entry point. A custom server exists for one reason: Next has no API for the
// TCP peer address, and trusting Remote-User needs it. We overwrite x-homey-peer with the
// socket's address so no client can forge it (see lib/auth/trust.ts).
import { createServer } from "node:http";
import next from "next";
import path from "node:path";
import { PEER_HEADER, normalisePeer } from "./lib/auth/peer";
import { configureDemoDeployTarget } from "./lib/demo/demo-target";

// Demo mode comes from the --demo flag of this process only, never from an inherited env.
delete process.env.HOMEY_INTERNAL_DEMO_MODE;
if (process.argv.includes("--demo")) process.env.HOMEY_INTERNAL_DEMO_MODE = "1";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();

async function main() {
  if (process.env.HOMEY_INTERNAL_DEMO_MODE === "1") {
    const dataDir = path.resolve(process.env.HOMEY_DATA_DIR || "data");
    console.log(`homey-admin: ${await configureDemoDeployTarget(dataDir, process.env.HOMEY_DOMAIN || "zakobar.com")}`);
  }
  await app.prepare();
  createServer((req, res) => {
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = normalisePeer(req.socket.remoteAddress ?? "");
    handle(req, res);
  }).listen(port, hostname, () => {
    const mode = process.env.HOMEY_INTERNAL_DEMO_MODE === "1" ? " (DEMO MODE)" : "";
    console.log(`homey-admin listening on http://${hostname}:${port}${mode}`);
  });
}

main().catch((error) => {
  console.error("homey-admin failed to start:", error);
  process.exit(1);
});
