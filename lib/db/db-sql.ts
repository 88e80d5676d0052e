// How a statement module sends a statement that returns no rows on a guarded transaction's own
// connection (see transactionConnection in client.ts) instead of through Prisma: the guard's
// write (lib/guard/guard-sql.ts storeResultWithAudit, lib/audit/audit-sql.ts insertAuditEvent)
// goes out on the connection its decision used, without Prisma's client cost per statement.
// The statement is the module's own tagged template, sent unnamed (PgBouncer transaction mode;
// lib/db/README.md).
import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forPg, type Db } from "@/lib/db/client";

/** Where a statement goes: `client` (a transaction's own connection) when set, else `tx` through Prisma. */
export type Conn = { tx: Db; client?: pg.ClientBase | null };

export async function executeOn({ tx, client }: Conn, sql: Prisma.Sql): Promise<void> {
  if (!client) {
    await tx.$executeRaw`${sql}`;
    return;
  }
  const q = forPg(sql);
  await client.query(q.text, q.values);
}
