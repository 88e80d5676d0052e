// SQL in one form (lib/db/README.md), checked on the source: raw statements only in the
// statement modules (lib/<domain>/<domain>[-<topic>]-sql.ts), tagged templates only, rows through typed
// mappers, uppercase keywords; node-postgres only where Prisma cannot. A new file that writes
// SQL any other way fails here first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");
const files = (...dirs: string[]) =>
  dirs
    .filter((d) => fs.existsSync(path.join(ROOT, d)))
    .flatMap((d) => sourceFiles(path.join(ROOT, d)))
    .map((f) => ({ file: rel(f), text: fs.readFileSync(f, "utf8") }));

const isStatementModule = (file: string) => /^lib\/([a-z-]+)\/\1(-[a-z]+)?-sql\.ts$/.test(file);

/**
 * node-postgres where Prisma cannot: COPY, LISTEN (and the catch-up read on its connection), the
 * webhook fast path's transaction and its statements, the readiness probe's read on the pool it
 * is handed, the guard's decision and write on the guarded transaction's own connection (the write
 * through lib/db/db-sql.ts executeOn). Statement modules on this list run only their own tagged
 * statements there (checked below).
 */
const NODE_POSTGRES = [
  "lib/billing/billing-sql.ts",
  "lib/billing/settle-unchanged.ts",
  "lib/db/db-sql.ts",
  "lib/exports/copy-stream.ts",
  "lib/guard/guard-sql.ts",
  "lib/licensing/license-events.ts",
  "lib/licensing/licensing-sql.ts",
  "lib/ops/ops-sql.ts",
];

/** `.query(x.text, x.values)`: the arguments of a tagged statement run on node-postgres. */
const isTaggedRun = (args: string) => /^\s*(\w+)\.text\s*,\s*\1\.values\s*$/.test(args);

const RAW_CALL = /\$(queryRaw|executeRaw)\s*[`(<]|Prisma\.(sql|raw)\s*[`(]/;

/** The text of every tagged SQL template in `source`, with `${…}` expressions blanked out. */
function sqlTemplates(source: string): string[] {
  const out: string[] = [];
  const start = /(?:Prisma\.sql|\$queryRaw|\$executeRaw)`/g;
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let i = m.index + m[0].length;
    let text = "";
    for (; i < source.length && source[i] !== "`"; i++) {
      if (source[i] === "$" && source[i + 1] === "{") {
        let depth = 1;
        for (i += 2; i < source.length && depth > 0; i++) depth += source[i] === "{" ? 1 : source[i] === "}" ? -1 : 0;
        i--;
        text += " ? ";
      } else text += source[i];
    }
    out.push(text);
    start.lastIndex = i + 1;
  }
  return out;
}

const KEYWORDS =
  /\b(select|from|where|join|left|lateral|on|and|or|not|null|true|false|insert|into|values|update|set|delete|returning|with|as|order|by|group|limit|offset|for|share|case|when|then|else|end|exists|is|in|union|all|filter|interval|array|conflict|do|nothing|skip|asc|desc|over|cross|distinct|analyze|vacuum)\b/;

/** The first lowercase keyword of a template, quoted identifiers and string literals aside. */
function lowercaseKeyword(template: string): string | null {
  const bare = template.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"/g, '""');
  return bare.match(KEYWORDS)?.[0] ?? null;
}

describe("SQL in one form", () => {
  const code = files("app", "components", "lib", "bench", "scripts");

  it("no $queryRawUnsafe / $executeRawUnsafe", () => {
    const unsafe = code.filter((f) => /\$(queryRaw|executeRaw)Unsafe\b/.test(f.text)).map((f) => f.file);
    expect(unsafe).toEqual([]);
  });

  it("raw statements live only in statement modules", () => {
    const raw = code.filter((f) => /^(app|components|lib)\//.test(f.file) && RAW_CALL.test(f.text)).map((f) => f.file);
    expect(raw.filter((f) => !isStatementModule(f))).toEqual([]);
    expect(raw.length).toBeGreaterThan(5);
  });

  it("statement modules map rows instead of asserting them ($queryRaw<…>)", () => {
    const asserted = code.filter((f) => isStatementModule(f.file) && /\$queryRaw\s*</.test(f.text)).map((f) => f.file);
    expect(asserted).toEqual([]);
  });

  it("keywords are uppercase in statement modules and bench data loaders", () => {
    const checked = code.filter((f) => isStatementModule(f.file) || /^bench\/lib\/(.*-fill|seed-.*)\.ts$/.test(f.file));
    expect(checked.length).toBeGreaterThan(5);
    const lower = checked.flatMap((f) =>
      sqlTemplates(f.text).flatMap((t) => {
        const word = lowercaseKeyword(t);
        return word ? [`${f.file}: "${word}" in ${t.trim().slice(0, 60)}…`] : [];
      }),
    );
    expect(lower).toEqual([]);
  });

  it("node-postgres queries only where Prisma cannot", () => {
    const pgCalls = code.filter((f) => /^(app|lib)\//.test(f.file) && /\.query\s*[(<]/.test(f.text)).map((f) => f.file);
    expect(pgCalls.sort()).toEqual([...NODE_POSTGRES].sort());
  });

  it("statement modules run tagged statements on node-postgres (their .text and .values), never SQL strings", () => {
    const pgModules = code.filter((f) => isStatementModule(f.file) && /\.query\s*[(<]/.test(f.text));
    expect(pgModules.length).toBeGreaterThan(0);
    const strings = pgModules.flatMap((f) =>
      [...f.text.matchAll(/\.query\s*(?:<[^>]*>)?\(([^)]*)\)/g)]
        .filter((m) => !isTaggedRun(m[1]!))
        .map((m) => `${f.file}: .query(${m[1]!.trim().slice(0, 60)})`),
    );
    expect(strings).toEqual([]);
  });

  it("the node-postgres check sees what it should", () => {
    expect(isTaggedRun("sql.text, sql.values")).toBe(true);
    expect(isTaggedRun("APPLIED_MIGRATIONS.text, APPLIED_MIGRATIONS.values")).toBe(true);
    expect(isTaggedRun("`SELECT 1`")).toBe(false);
    expect(isTaggedRun("SQL, [id]")).toBe(false);
    expect(isTaggedRun("a.text, b.values")).toBe(false);
  });

  it("the casing check sees what it should", () => {
    expect(lowercaseKeyword(sqlTemplates("tx.$queryRaw`SELECT id FROM t WHERE ${x} = 1`")[0]!)).toBeNull();
    expect(lowercaseKeyword(sqlTemplates("Prisma.sql`select id FROM t`")[0]!)).toBe("select");
    expect(lowercaseKeyword(sqlTemplates("tx.$executeRaw`SELECT 'from' AS \"order\", ${f({ a: 1 })} FROM t`")[0]!)).toBeNull();
  });
});
