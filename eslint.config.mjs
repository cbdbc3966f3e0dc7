// ESLint: TypeScript and React hooks rules, plus the layers of the app kept by a machine
// (README "Layout"). `npm run lint`; scripts/test-all.sh runs it right after tsc, so a
// boundary violation fails the test command.
//
// The layers, as import rules (→ may import, ↛ may not):
//   app, lib, components, server.ts … ↛ scripts   production code; scripts may import lib
//   app/api ↛ components                 an API route adapts HTTP to lib/, it renders nothing
//   lib ↛ app, components                lib is below the routes and the UI
//   components ↛ lib/db, Prisma          UI pieces, no data access; and no value import of any
//                                        lib module marked `import "server-only"` (types are fine)
//   production ↛ test helpers            lib/testing, lib/*/testing, e2e, scripts/test-rig, *.test.ts
//   lib has no import cycles
//   only the auth layer (and demo/start-up/test setup) may make an AdminContext
//   production code reads the environment only through lib/config
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const root = import.meta.dirname;

/** Tests and the helpers only tests use: they may import anything. */
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**"];
const TEST_HELPERS = ["lib/testing/**", "lib/*/testing/**", "lib/repo/test-rig.ts", "lib/nix/test-fixtures.ts", "scripts/test-rig/**"];

/** Files that may create an AdminContext: the auth layer, start-up, demo mode, test setup. */
const ADMIN_CONTEXT_MAKERS = ["lib/auth/session.ts", "lib/auth/admin-context.ts", "lib/startup.ts", "lib/demo/**", ...TEST_HELPERS, ...TESTS];

/** Every lib module marked `import "server-only"`, found on disk so a new one is covered at once. */
function serverOnlyLibModules() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "testing") walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        if (/^import "server-only";/m.test(readFileSync(path.join(root, rel), "utf8"))) found.push(rel.replace(/\.tsx?$/, ""));
      }
    }
  };
  walk("lib");
  return found.sort();
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Matches an import of `lib/<module>` by the @/ alias or by a relative path. */
const libImportRegex = (modules) => `^(@/|(\\.\\./)+)(${modules.map(escapeRegex).join("|")})$`;

const adminContextPattern = {
  regex: "(^|/)lib/auth/admin-context$|^\\./admin-context$|^\\.\\./auth/admin-context$",
  // Taking a context (the type, assertAdmin) is every data function's job; making one is not.
  importNames: ["issueAdminContext", "systemContext"],
  allowTypeImports: true,
  message:
    "Only the auth layer makes an AdminContext (requireAdmin() in lib/auth/session.ts); take one as a parameter instead. Types are fine: `import type { AdminContext }`.",
};

const componentsServerOnlyPattern = {
  regex: libImportRegex(serverOnlyLibModules()),
  allowTypeImports: true,
  message:
    "components/ are UI pieces without data access: this lib module is server-only. Load the data in the page (app/) and pass it in as props; `import type` is fine.",
};

const productionFiles = ["app/**", "lib/**", "components/**", "server.ts", "proxy.ts", "instrumentation.ts"];
// The rule takes either plain paths or globs in one zone, not both: two zones.
const testHelperPaths = ["./lib/testing", "./e2e", "./scripts/test-rig", "./lib/repo/test-rig.ts", "./lib/nix/test-fixtures.ts"];
const testHelperGlobs = ["./lib/*/testing/**", "./**/*.test.ts", "./**/*.test.tsx"];
const testHelperMessage = "Production code never imports test helpers: move what both need into lib/.";

export default defineConfig(
  { ignores: ["lib/generated/**", "components/quick/generated/**", "public/quick.js", "dist/**", ".next/**", ".next-*/**", "node_modules/**", ".tmp/**", "data/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    languageOptions: {
      globals: {
        process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly",
        clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly",
      },
    },
    rules: {
      // tsc already knows every global (DOM and Node); the JS rule only duplicates it, wrongly.
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    plugins: { "import-x": importX },
    settings: {
      // Which files import-x parses when it follows imports (no-cycle walks the graph).
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: path.join(root, "tsconfig.json") })],
    },
  },
  {
    files: productionFiles,
    ignores: [...TESTS, ...TEST_HELPERS],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: [
            {
              target: productionFiles.map((p) => `./${p}`),
              from: "./scripts",
              message: "Production code never imports scripts/ (they are for the shell and tests; scripts may import lib). Move what both need into lib/.",
            },
            { target: "./app/api", from: "./components", message: "API routes render nothing: move what they share with the UI into lib/ (a pure module both import)." },
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is below the routes and the UI: move what lib needs into lib/." },
            {
              target: "./components",
              from: ["./lib/db", "./lib/generated", "./lib/auth/session.ts"],
              message: "components/ do no data access: load data in the page (app/) and pass it in as props.",
            },
            {
              // A route gets the database only inside an AdminContext (requireAdmin / requireAdminPage).
              target: "./app",
              from: ["./lib/db", "./lib/generated"],
              message: "Routes never open the database themselves: call requireAdmin()/requireAdminPage() and pass the AdminContext to a lib/ function.",
            },
            { target: productionFiles.map((p) => `./${p}`), from: testHelperPaths, message: testHelperMessage },
            { target: productionFiles.map((p) => `./${p}`), from: testHelperGlobs, message: testHelperMessage },
          ],
        },
      ],
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [{ name: "@prisma/client", message: "The Prisma client is lib/db/client.ts (generated into lib/generated)." }], patterns: [adminContextPattern] }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Settings come from lib/config (validated at start): use an accessor of lib/config/env.ts, or add the variable to lib/config/schema.ts." },
      ],
    },
  },
  {
    files: ["lib/config/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["components/**"],
    ignores: [...TESTS],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [{ name: "@prisma/client", message: "components/ do no data access." }], patterns: [adminContextPattern, componentsServerOnlyPattern] }],
    },
  },
  {
    // The editors' first-load JS (issue 12: every page <= 150 kB gzip): zod and the schemas
    // built on it load after first paint, through a dynamic import() (components/forms/use-lazy.ts).
    // live-draft.ts is itself loaded that way.
    files: ["components/**"],
    ignores: [...TESTS, "components/editors/new-service/live-draft.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@prisma/client", message: "components/ do no data access." },
            { name: "zod", allowTypeImports: true, message: "zod (~30 kB gzip) stays out of first-load JS: load the schema with a dynamic import() (components/forms/use-lazy.ts); `import type` is fine." },
          ],
          patterns: [
            adminContextPattern,
            componentsServerOnlyPattern,
            {
              regex: "^@/lib/model/schemas/(access-rule|backup-path|fields|monitor|new-service|service|virtual-host)$",
              allowTypeImports: true,
              message: "A zod schema stays out of first-load JS: take choices from @/lib/model/schemas/choices (or new-service-rules) and load the schema with a dynamic import() (components/forms/use-lazy.ts); `import type` is fine.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ADMIN_CONTEXT_MAKERS,
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    files: ["lib/**"],
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)`
    // is how a fixture that needs none is written.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
);
