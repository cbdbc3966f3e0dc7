// Builds /quick's own assets, before `next build` (Next serves only what public/ held at build
// time): the page's Preact bundles — public/quick.js for the browser (browser-entry.tsx) and
// components/quick/generated/render.mjs for app/quick/route.ts (server-entry.tsx) — and
// public/quick.css, the dashboard's Tailwind stylesheet, compiled from app/globals.css as
// Next compiles it for the other pages. Preact stands in for React: the same components,
// ~18 kB of script instead of the App Router's 135 kB floor. Run by `npm run build`.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { build } from "esbuild";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";

const shared = {
  bundle: true,
  format: "esm",
  jsx: "automatic",
  tsconfig: "tsconfig.json",
  // "react" covers react/jsx-runtime, "react-dom" covers react-dom/client and react-dom/server.
  alias: { react: "preact/compat", "react-dom": "preact/compat", "next/link": "./components/quick/anchor-link.tsx" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
  // "use client" means nothing outside Next; both bundles run all of it.
  logOverride: { "module-level-directive": "silent" },
};

const stylesheet = async () => {
  const from = "app/globals.css";
  const css = await postcss([tailwind({ optimize: { minify: true } })]).process(await readFile(from, "utf8"), { from });
  await writeFile("public/quick.css", css.css);
};
await Promise.all([build({ ...shared, entryPoints: ["components/quick/browser-entry.tsx"], outfile: "public/quick.js", target: "es2022", minify: true }), stylesheet()]);

// The assets' URLs carry their content hash (?v=…): a phone never runs an old script against a new page.
const version = createHash("sha256")
  .update(await readFile("public/quick.js"))
  .update(await readFile("public/quick.css"))
  .digest("hex")
  .slice(0, 12);
await build({
  ...shared,
  entryPoints: ["components/quick/server-entry.tsx"],
  outfile: "components/quick/generated/render.mjs",
  platform: "node",
  target: "node20",
  define: { ...shared.define, QUICK_ASSET_VERSION: JSON.stringify(version) },
});
