// Templates hold the structure of the generated files (option paths, headers); values are
// serializer output dropped into `@placeholder@` markers. Filling fails the way nixpkgs'
// replaceVars does: on a placeholder without a value and on a value without a placeholder.
import "server-only";
import { templatesDir } from "@/lib/config/env";
import fs from "node:fs";
import path from "node:path";
import { NixError } from "./errors";

// replaceVars' marker syntax.
const PLACEHOLDER = /@([A-Za-z_][A-Za-z0-9_'-]*)@/g;

export { templatesDir };

/** Every `*.nix` template, keyed by its file name (which is also its name in generated/). */
export function loadTemplates(dir = templatesDir()): Record<string, string> {
  const names = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".nix"))
    .sort();
  if (names.length === 0) throw new NixError("TEMPLATE_INVALID", `No *.nix templates in ${dir}.`);
  return Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
}

export function templatePlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replaces every `@name@` with `values[name]`. A multi-line value is re-indented to the
 * indentation of the line its placeholder sits on, so `toNix(value)` output nests cleanly.
 * (Safe because serializer output has no raw newlines inside string literals.)
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  const missing = templatePlaceholders(text).filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    throw new NixError("TEMPLATE_INVALID", `Template placeholder(s) without a value: ${missing.map((n) => `@${n}@`).join(", ")}`);
  }
  const used = new Set(templatePlaceholders(text));
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) {
    throw new NixError("TEMPLATE_INVALID", `Value(s) with no placeholder in the template: ${unused.join(", ")}`);
  }
  return text
    .split("\n")
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)![0];
      return line.replace(PLACEHOLDER, (_, name: string) => values[name].replaceAll("\n", `\n${indent}`));
    })
    .join("\n");
}

/**
 * Fills a set of templates from one pool of values: each template takes the values its
 * placeholders name; a pool value that no template uses is an error, as in fillTemplate.
 */
export function fillTemplates(
  templates: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const used = new Set(Object.values(templates).flatMap(templatePlaceholders));
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) {
    throw new NixError("TEMPLATE_INVALID", `Value(s) used by no template: ${unused.join(", ")}`);
  }
  return Object.fromEntries(
    Object.entries(templates).map(([file, text]) => {
      const own = templatePlaceholders(text).filter((name) => Object.hasOwn(values, name));
      try {
        return [file, fillTemplate(text, Object.fromEntries(own.map((name) => [name, values[name]])))];
      } catch (error) {
        if (error instanceof NixError) throw new NixError(error.code, `${file}: ${error.message}`);
        throw error;
      }
    }),
  );
}

/**
 * Where each placeholder lands in the evaluated configuration, read from lines of the form
 * `homey.caddy.virtualHosts = @virtualHosts@;`. This is how the importer finds values
 * without knowing option names: those stay in the templates.
 */
export function placeholderOptionPaths(templates: Readonly<Record<string, string>>): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const binding = /^\s*([A-Za-z_][A-Za-z0-9_'-]*(?:\.[A-Za-z_][A-Za-z0-9_'-]*)*)\s*=\s*@([A-Za-z_][A-Za-z0-9_'-]*)@\s*;/gm;
  for (const text of Object.values(templates)) {
    for (const m of text.matchAll(binding)) paths.set(m[2], m[1].split("."));
  }
  return paths;
}
