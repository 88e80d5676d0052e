// COPY … TO STDOUT cannot take bind parameters, so export queries are built from the same
// Prisma.Sql fragments as the table (one WHERE for both) and their values are inlined as
// escaped literals with the driver's own escapeLiteral. Only strings, numbers and dates
// occur here; anything else is refused rather than guessed at.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export function inlineSql(sql: Prisma.Sql, escapeLiteral: (value: string) => string): string {
  const values = sql.values;
  return sql.text.replace(/\$(\d+)/g, (_match, n: string) => {
    const value = values[Number(n) - 1];
    if (typeof value === "string") return escapeLiteral(value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (value instanceof Date) return escapeLiteral(value.toISOString());
    throw new Error(`Cannot inline a SQL value of type ${typeof value}`);
  });
}
