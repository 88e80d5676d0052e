// The migrations this build ships: every folder in prisma/migrations, in the order they
// apply (their names start with a timestamp). One listing for the migrator
// (scripts/lib/migrate.ts) and for readiness (lib/ops/readiness.ts), so "current" means the
// same thing to both.
import fs from "node:fs";
import path from "node:path";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export function committedMigrations(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
