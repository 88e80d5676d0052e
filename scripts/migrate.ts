// `npm run db:migrate`: apply committed migrations to DIRECT_DATABASE_URL, else DATABASE_URL
// (see scripts/lib/migrate.ts: its advisory lock needs a session, not a transaction pooler).
import { loadEnvFiles } from "./lib/local-env";
import { migrateDatabase } from "./lib/migrate";

loadEnvFiles();
if (!process.env.DATABASE_URL) {
  process.stderr.write("DATABASE_URL is not set (npm run dev manages an embedded database on its own)\n");
  process.exit(1);
}
const applied = await migrateDatabase(process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL);
process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
