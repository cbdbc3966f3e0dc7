import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules and the Prisma client are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "ssh2", "@prisma/adapter-better-sqlite3", "simple-git"],
  poweredByHeader: false,
  // Lets two builds of one checkout coexist (parallel developers, a bench beside the tests).
  distDir: process.env.HOMEY_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // unauthorized()/forbidden() render app/unauthorized.tsx and app/forbidden.tsx with 401/403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
