// Prisma CLI configuration. Runs the WASM schema engine through @prisma/adapter-pg so the
// CLI never downloads a native engine (offline machines, see README "Database").
import path from "node:path";
import fs from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// prisma.config.ts switches off Prisma's own .env loading; load it ourselves.
for (const file of [".env", ".env.local"]) {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

// `prisma generate` (postinstall) needs no database, but the CLI reads `env("DATABASE_URL")`
// from the schema and falls back to downloading engines when it cannot. Give it a
// placeholder; the adapter below still refuses to connect without a real URL.
const configuredUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://unset@localhost:5432/unset";

// Workaround for prisma/prisma#27403: adapter-pg has no mapping for Postgres' internal
// `name` type (OID 19), which schema introspection in `migrate deploy` returns, and fails
// with "Column type 'name' could not be deserialized". Report it as text (OID 25).
// Only the CLI's pool needs this.
const NAME_OID = 19;
const TEXT_OID = 25;
type Fields = { fields?: { dataTypeID: number }[] } | undefined;
function rewriteNameFields(result: unknown) {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Fields[]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
  }
  return result;
}
class NameAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads are untyped here
  query(...args: any[]): any {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex];
      args[cbIndex] = (err: unknown, res: unknown) => cb(err, err ? res : rewriteNameFields(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const config = args[0];
    if (config && typeof config === "object" && typeof config.callback === "function") {
      const cb = config.callback;
      config.callback = (err: unknown, res: unknown) => cb(err, err ? res : rewriteNameFields(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return out && typeof (out as Promise<unknown>).then === "function" ? (out as Promise<unknown>).then(rewriteNameFields) : out;
  }
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const connectionString = configuredUrl;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set. `npm run dev` sets it for the embedded Postgres.");
    }
    // allowExitOnIdle: without it the pool keeps the CLI alive ~10 s after it finishes.
    const pool = new pg.Pool({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 200, Client: NameAsTextClient });
    return new PrismaPg(pool);
  },
});
