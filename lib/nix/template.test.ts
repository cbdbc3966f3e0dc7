import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NixError } from "./errors";
import {
  fillTemplate,
  fillTemplates,
  loadTemplates,
  placeholderOptionPaths,
  templatePlaceholders,
  templatesDir,
} from "./template";

describe("fillTemplate", () => {
  it("replaces placeholders and indents multi-line values to the placeholder's line", () => {
    const text = "{\n  a.b = @value@;\n  c = @n@;\n}\n";
    expect(fillTemplate(text, { value: "{\n  x = 1;\n}", n: "2" })).toBe("{\n  a.b = {\n    x = 1;\n  };\n  c = 2;\n}\n");
  });

  it("fails on a placeholder without a value", () => {
    expect(() => fillTemplate("x = @a@; y = @b@;", { a: "1" })).toThrow(/@b@/);
    expect(() => fillTemplate("x = @a@;", {})).toThrow(NixError);
  });

  it("fails on a value without a placeholder", () => {
    expect(() => fillTemplate("x = @a@;", { a: "1", extra: "2" })).toThrow(/extra/);
  });

  it("does not rescan inserted values for placeholders", () => {
    expect(fillTemplate("x = @a@;", { a: '"@b@"' })).toBe('x = "@b@";');
  });

  it("ignores @ that is not a marker", () => {
    expect(templatePlaceholders('{ "@" = 1; mail = "a@b"; }')).toEqual([]);
  });
});

describe("fillTemplates", () => {
  it("gives each template the values it names and fails on unused values", () => {
    const templates = { "a.nix": "a = @a@;", "b.nix": "b = @b@;", "c.nix": "{ }" };
    expect(fillTemplates(templates, { a: "1", b: "2" })).toEqual({ "a.nix": "a = 1;", "b.nix": "b = 2;", "c.nix": "{ }" });
    expect(() => fillTemplates(templates, { a: "1", b: "2", c: "3" })).toThrow(/c/);
    expect(() => fillTemplates(templates, { a: "1" })).toThrow(/b\.nix: .*@b@/);
  });
});

describe("templates on disk", () => {
  const saved = process.env.HOMEY_TEMPLATES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.HOMEY_TEMPLATES_DIR;
    else process.env.HOMEY_TEMPLATES_DIR = saved;
  });

  it("loads nix-templates/ with the managed-by header", () => {
    const templates = loadTemplates();
    expect(Object.keys(templates)).toEqual([
      "access-rules.nix",
      "backup.nix",
      "default.nix",
      "monitors.nix",
      "services.nix",
      "vhosts.nix",
    ]);
    for (const text of Object.values(templates)) {
      expect(text).toMatch(/^# Managed by homey-admin: hand edits are overwritten/);
      expect(text).toMatch(/edit these settings in the homey-admin dashboard/i);
    }
  });

  it("names the option path of every placeholder", () => {
    expect(Object.fromEntries(placeholderOptionPaths(loadTemplates()))).toEqual({
      services: ["homey", "services"],
      virtualHosts: ["homey", "caddy", "virtualHosts"],
      accessControlRules: ["homey", "authelia", "accessControlRules"],
      monitors: ["homey", "monitoring", "monitors"],
      extraPaths: ["homey", "backup", "extraPaths"],
      exclude: ["homey", "backup", "exclude"],
    });
  });

  it("honours HOMEY_TEMPLATES_DIR", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homey-templates-"));
    try {
      fs.writeFileSync(path.join(dir, "only.nix"), "{ x = @x@; }");
      process.env.HOMEY_TEMPLATES_DIR = dir;
      expect(templatesDir()).toBe(dir);
      expect(loadTemplates()).toEqual({ "only.nix": "{ x = @x@; }" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
