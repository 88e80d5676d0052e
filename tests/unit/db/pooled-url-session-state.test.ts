// DATABASE_URL may be PgBouncer in transaction mode, where a client's next transaction runs on
// whatever server connection is free: session state set by one is missing from (or leaks into)
// the next. The app's code must hold none; what needs a session uses DIRECT_DATABASE_URL
// (LISTEN in lib/licensing/license-events.ts, migrations and the seed in scripts/).
// tests/integration/pgbouncer/ shows the failures for real; this catches a new one at review.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["lib", "app", "server", "components", "proxy.ts", "instrumentation.ts"];
const LISTEN_OWNER = path.join("lib", "licensing", "license-events.ts");

function sources(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (fs.statSync(entry).isFile()) return /\.tsx?$/.test(entry) ? [entry] : [];
  if (entry.endsWith(path.join("lib", "generated"))) return [];
  return fs.readdirSync(entry).flatMap((name) => sources(path.join(entry, name)));
}

const RULES: { what: string; pattern: RegExp; except?: string }[] = [
  { what: "a named prepared statement (query config with `name:`)", pattern: /\.query(<[^>]*>)?\(\s*\{[^}]*\bname\s*:/s },
  { what: "a session advisory lock (use pg_advisory_xact_lock)", pattern: /pg_(try_)?advisory_(un)?lock(_shared)?\s*\(/i },
  {
    what: "a session-level SET (use SET LOCAL inside the transaction)",
    pattern: /(`|;|\(\s*["'])\s*SET\s+(SESSION\s+)?(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)[a-z_.]+\s*(=|\bTO\b)/i,
  },
  { what: "set_config(…, false) (session scope)", pattern: /set_config\s*\([^)]*,\s*false\s*\)/i },
  { what: "a temporary table", pattern: /CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+TABLE/i },
  {
    what: "LISTEN outside the direct LISTEN connection",
    pattern: /(query|\$executeRaw\w*|\$queryRaw\w*)\s*(<[^>]*>)?\(?\s*[`'"]\s*LISTEN\b/,
    except: LISTEN_OWNER,
  },
];

describe("fault: session state sent through the pooled DATABASE_URL (PgBouncer transaction mode)", () => {
  const files = ROOTS.flatMap(sources);

  it("scans the app's code", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(LISTEN_OWNER);
  });

  for (const rule of RULES) {
    it(`no ${rule.what}`, () => {
      const offenders = files.filter((f) => f !== rule.except && rule.pattern.test(fs.readFileSync(f, "utf8")));
      expect(offenders).toEqual([]);
    });
  }

  it("the patterns catch what they are for", () => {
    const caught = (text: string) => RULES.filter((r) => r.pattern.test(text)).map((r) => r.what);
    expect(caught(`client.query({ name: "billing.x", text: SQL, values })`)).toHaveLength(1);
    expect(caught(`select pg_advisory_lock($1)`)).toHaveLength(1);
    expect(caught("await tx.$executeRaw`SET statement_timeout = 0`")).toHaveLength(1);
    expect(caught(`client.query("LISTEN license_changed")`)).toHaveLength(1);
    expect(caught("db.$executeRaw`LISTEN license_changed`")).toHaveLength(1);
    expect(caught(`onShutdown("LISTEN connection", stop)`)).toEqual([]);
    expect(caught(`query("SET search_path TO x")`)).toHaveLength(1);
    expect(caught(`UPDATE "Passkey" SET counter = 1`)).toEqual([]);
    expect(caught('`UPDATE "IdempotencyRecord" SET result = 1`')).toEqual([]);
    expect(caught("`SET LOCAL statement_timeout = '1s'`")).toEqual([]);
    expect(caught(`SELECT pg_advisory_xact_lock(1)`)).toEqual([]);
  });
});
