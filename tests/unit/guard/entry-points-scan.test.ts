// One way in: every route handler under app/ is built by guardRoute or unguardedRoute, every
// actions.ts (app/, components/) is declarations only (each export one client call naming a body from
// lib/), every reads.ts declares guardedRead()s, refusals leave routes through
// refusalResponse (never a hand-built 429), and no page calls authorize() itself. It reads
// the source, so a new file is covered without touching this test.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const APP = path.join(ROOT, "app");
const rel = (f: string) => path.relative(ROOT, f);
const files = sourceFiles(APP);

/** next-auth owns its catch-all's request handling and responses (sign-in, callbacks, CSRF). */
const OUTSIDE_THE_FAMILY = ["app/api/auth/[...nextauth]/route.ts"];

const ACTION_CLIENTS: Record<string, number> = { guardedAction: 2, sessionAction: 1, publicAction: 1 };

/** Splits a call's argument list at top-level commas (strings, brackets and template literals respected). */
function topLevelArgs(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter(Boolean);
      }
    } else if (c === "," && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error("unbalanced call");
}

/** Problems with one declarations-only module: `clients` maps a client to its body's argument index. */
function declarationProblems(file: string, clients: Record<string, number>): string[] {
  const text = fs.readFileSync(file, "utf8");
  const problems: string[] = [];
  const exports = [...text.matchAll(/^export\s+(.*)$/gm)];
  if (exports.length === 0) problems.push("exports nothing");
  for (const m of exports) {
    const decl = m[1]!.match(/^const (\w+) = (\w+)\(/);
    const client = decl?.[2];
    if (!decl || !client || !(client in clients)) {
      problems.push(`"export ${m[1]!.slice(0, 60)}" is not a client declaration (${Object.keys(clients).join(", ")})`);
      continue;
    }
    const args = topLevelArgs(text, m.index! + m[0].indexOf("("));
    const body = args[clients[client]!];
    if (!body || !/^\w+$/.test(body)) problems.push(`${decl[1]}: the body must name a function from lib/, not ${body?.slice(0, 40)}`);
    const hook = args
      .slice(clients[client]! + 1)
      .join(",")
      .match(/afterCommit:\s*([^,}\s]+)/)?.[1];
    if (hook && !/^\w+$/.test(hook)) problems.push(`${decl[1]}: afterCommit must name a function from lib/`);
  }
  if (/^(?!export).*\basync\b/m.test(text)) problems.push("declares an async function of its own (a body belongs in lib/)");
  return problems;
}

describe("every route handler is built by a client", () => {
  const routes = files.filter((f) => path.basename(f) === "route.ts");

  it("found the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it.each(routes.filter((f) => !OUTSIDE_THE_FAMILY.includes(rel(f))).map((f) => [rel(f), f]))("%s", (_name, file) => {
    const text = fs.readFileSync(file, "utf8");
    const handlers = [
      ...text.matchAll(/^export\s+(?:async\s+)?(?:function|const|let|var)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b(.*)$/gm),
    ];
    expect(handlers.length, "exports no handler").toBeGreaterThan(0);
    for (const [, method, rest] of handlers) {
      expect(rest, `${method} must be guardRoute(…) or unguardedRoute(…)`).toMatch(/^\s*=\s*(guardRoute|unguardedRoute)\(/);
    }
    expect(text, "re-exports a handler").not.toMatch(/export\s*\{[^}]*\b(GET|POST|PUT|PATCH|DELETE)\b/);
    // Refusals leave through refusalResponse, which sets Retry-After on a 429.
    expect(text).not.toMatch(/jsonError\(\s*429|status:\s*429/);
  });

  it("the one route outside the family is next-auth's catch-all", () => {
    for (const f of OUTSIDE_THE_FAMILY) expect(fs.readFileSync(path.join(ROOT, f), "utf8")).toMatch(/NextAuth\(/);
  });
});

describe("actions.ts files are declarations only", () => {
  // components/ holds one ("use server" beside the client components that call it): same rule.
  const actionFiles = [...files, ...sourceFiles(path.join(ROOT, "components"))].filter((f) => path.basename(f) === "actions.ts");

  it("found the action modules", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(actionFiles.map((f) => [rel(f), f]))("%s", (_name, file) => {
    expect(fs.readFileSync(file, "utf8")).toMatch(/^"use server";/);
    expect(declarationProblems(file, ACTION_CLIENTS)).toEqual([]);
  });
});

describe("reads.ts files declare guarded reads only", () => {
  const readFiles = files.filter((f) => path.basename(f) === "reads.ts");

  it.each(readFiles.map((f) => [rel(f), f]))("%s", (_name, file) => {
    const text = fs.readFileSync(file, "utf8");
    // A read must never become a server action the browser can call.
    expect(text).not.toMatch(/"use server"/);
    expect(declarationProblems(file, { guardedRead: 2 })).toEqual([]);
  });

  it("found the reads", () => {
    expect(readFiles.length).toBeGreaterThanOrEqual(3);
  });
});

describe("pages gate through the clients", () => {
  it("no page, layout or route under app/ calls authorize() itself", () => {
    const offenders = files.filter((f) => /\bauthorize\(/.test(fs.readFileSync(f, "utf8"))).map(rel);
    expect(offenders).toEqual([]);
  });
});

describe("one step-up modal", () => {
  it("StepUpProvider is mounted once, in the app layout", () => {
    const mounts = [...files, ...sourceFiles(path.join(ROOT, "components"))].filter((f) =>
      /^\s*<StepUpProvider\b/m.test(fs.readFileSync(f, "utf8")),
    );
    expect(mounts.map(rel)).toEqual(["app/(app)/layout.tsx"]);
  });
});

describe("the scanner itself", () => {
  it("flags an inline body and accepts a named one", () => {
    const tmp = path.join(ROOT, ".test-data", `scan-${process.pid}.ts`);
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    try {
      fs.writeFileSync(tmp, `"use server";\nexport const a = guardedAction("x.y", z.object({}).strict(), named, { after: () => f() });\n`);
      expect(declarationProblems(tmp, ACTION_CLIENTS)).toEqual([]);
      fs.writeFileSync(
        tmp,
        `"use server";\nexport const a = guardedAction("x.y", Z, async ({ ctx }) => ctx);\nexport async function b() {}\n`,
      );
      expect(declarationProblems(tmp, ACTION_CLIENTS)).toHaveLength(2);
      fs.writeFileSync(tmp, `"use server";\nasync function helper() {}\nexport const a = sessionAction("x", named);\n`);
      expect(declarationProblems(tmp, ACTION_CLIENTS)).toHaveLength(1);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
});
