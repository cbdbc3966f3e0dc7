import type { NextConfig } from "next";
import { BODY_LIMIT_BYTES } from "./lib/http/body-limit";

const nextConfig: NextConfig = {
  // Native modules and the Prisma client are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "ssh2", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // Lets two builds of one checkout coexist (parallel developers, a bench beside the tests).
  distDir: process.env.HOMEY_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // unauthorized()/forbidden() render app/unauthorized.tsx and app/forbidden.tsx with 401/403.
  // The body limit is enforced first by server.ts (413 with a message); Next's own check, set to
  // the same size, is the second lock (it would answer 500).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: BODY_LIMIT_BYTES } },
};

export default nextConfig;
