import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NixError } from "./errors";
import { compareCodePoints, nixAttrName, nixDomainString, nixString, toNix } from "./serializer";
import { nixEvalJson } from "./test-fixtures";

describe("nixString", () => {
  it("escapes quotes, backslashes, interpolation and whitespace controls", () => {
    expect(nixString('say "hi"')).toBe('"say \\"hi\\""');
    expect(nixString("a\\b")).toBe('"a\\\\b"');
    expect(nixString("${x}")).toBe('"\\${x}"');
    expect(nixString("a\nb\rc\td")).toBe('"a\\nb\\rc\\td"');
    expect(nixString("price: 5$")).toBe('"price: 5$"');
    expect(nixString("$x")).toBe('"$x"');
  });

  it("writes other control characters raw (Nix has no \\u escape)", () => {
    expect(nixString("a\u0001b\u007f")).toBe('"a\u0001b\u007f"');
  });

  it("rejects NUL and lone surrogates", () => {
    expect(() => nixString("a\0b")).toThrow(NixError);
    expect(() => nixString("a\0b")).toThrow(/NUL/);
    expect(() => nixString("\ud800")).toThrow(/surrogate/);
  });

  it("evaluates back to the same text in Nix", () => {
    const samples = ["", "plain", "${domain}", "$${x}", "$", "$$", "''", "'' ${", "\\${", "a\u0001\u001f\u007f", "é 😀 \u2028", "\r\n", "\\"];
    expect(nixEvalJson(`[ ${samples.map(nixString).join(" ")} ]`)).toEqual(samples);
  });
});

describe("nixDomainString", () => {
  it("interpolates only ${domain}", () => {
    expect(toNix(nixDomainString("grafana."))).toBe('"grafana.${domain}"');
    expect(toNix(nixDomainString("https://status.", "/path"))).toBe('"https://status.${domain}/path"');
    expect(toNix(nixDomainString("${evil}.", "/${x}"))).toBe('"\\${evil}.${domain}/\\${x}"');
  });

  it("keeps a trailing $ from swallowing the interpolation", () => {
    const source = toNix(nixDomainString("a$", "$"));
    expect(nixEvalJson(`let domain = "example.org"; in ${source}`)).toBe("a$example.org$");
  });
});

describe("nixAttrName", () => {
  it("leaves identifiers bare and quotes the rest", () => {
    expect(nixAttrName("grafana")).toBe("grafana");
    expect(nixAttrName("uptime-kuma")).toBe("uptime-kuma");
    expect(nixAttrName("x'_1")).toBe("x'_1");
    expect(nixAttrName("@")).toBe('"@"');
    expect(nixAttrName("a.b")).toBe('"a.b"');
    expect(nixAttrName("1st")).toBe('"1st"');
    expect(nixAttrName("")).toBe('""');
    expect(nixAttrName("with space")).toBe('"with space"');
  });

  it("quotes keywords", () => {
    for (const keyword of ["if", "then", "else", "let", "in", "rec", "inherit", "or", "with", "assert"]) {
      expect(nixAttrName(keyword)).toBe(`"${keyword}"`);
    }
  });

  it("round-trips awkward names through Nix", () => {
    const names = ["or", "a.b", 'q"uote', "${x}", "__proto__", "sp ace", "", "😀", "-x", "x-"];
    const source = toNix(Object.fromEntries(names.map((name) => [name, name])));
    expect(nixEvalJson(source)).toEqual(Object.fromEntries(names.map((name) => [name, name])));
  });
});

describe("toNix", () => {
  it("pretty-prints with sorted attributes and two-space indent", () => {
    const value = { b: [1, 2], a: { z: true, y: null }, c: [], d: {}, e: ["only"], f: [[1]] };
    expect(toNix(value)).toBe(
      [
        "{",
        "  a = {",
        "    y = null;",
        "    z = true;",
        "  };",
        "  b = [",
        "    1",
        "    2",
        "  ];",
        "  c = [ ];",
        "  d = { };",
        '  e = [ "only" ];',
        "  f = [",
        "    [ 1 ]",
        "  ];",
        "}",
      ].join("\n"),
    );
  });

  it("indents continuation lines from the given indent", () => {
    expect(toNix({ a: 1 }, "    ")).toBe("{\n      a = 1;\n    }");
  });

  it("leaves out undefined attributes", () => {
    expect(toNix({ a: 1, b: undefined })).toBe("{\n  a = 1;\n}");
  });

  it("parenthesises negative integers so they work as list items", () => {
    expect(nixEvalJson(toNix([-5, 3]))).toEqual([-5, 3]);
  });

  it("throws on NaN, infinities and non-integers", () => {
    for (const n of [Number.NaN, Infinity, 1.5, 2 ** 60]) expect(() => toNix(n)).toThrow(NixError);
  });

  it("evaluates to the same data", () => {
    const value = { list: [1, "two", false, null, { "three.x": [] }], empty: {}, "if": "x" };
    expect(nixEvalJson(toNix(value))).toEqual(value);
  });
});

describe("compareCodePoints", () => {
  it("orders astral characters after U+FFFD, like Nix's byte order", () => {
    expect(["😀", "\uffff", "a"].sort(compareCodePoints)).toEqual(["a", "\uffff", "😀"]);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
  });

  it("agrees with the attribute order Nix reports", () => {
    const names = fc.sample(fc.string({ unit: "binary", minLength: 1, maxLength: 4 }).filter((s) => !s.includes("\0")), {
      numRuns: 200,
      seed: 42,
    });
    const unique = [...new Set(names)];
    const evaluated = nixEvalJson(`builtins.attrNames ${toNix(Object.fromEntries(unique.map((n) => [n, 0])))}`);
    expect(evaluated).toEqual([...unique].sort(compareCodePoints));
  });
});

describe("serializer property: any NUL-free text survives Nix", () => {
  it("nixString and nixAttrName round-trip through nix-instantiate", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replaceAll("\0", ""));
    const tricky = fc.constantFrom("${", "''", "\\", '"', "\n", "\r", "\t", "$", "\u0001", "\u007f", "😀", "or", ".");
    const piece = fc.oneof(text, tricky);
    const sample = fc.sample(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join("")), { numRuns: 400 });
    const source = `{ strings = [ ${sample.map(nixString).join(" ")} ]; names = ${toNix(
      Object.fromEntries(sample.map((s) => [s, s])),
    )}; }`;
    const result = nixEvalJson(source) as { strings: string[]; names: Record<string, string> };
    expect(result.strings).toEqual(sample);
    // (JS lists integer-like keys first, so compare as maps, not by order.)
    expect(result.names).toEqual(Object.fromEntries(sample.map((s) => [s, s])));
  });
});
