// COPY … TO STDOUT cannot take bind parameters, so the export statements are tagged
// templates like every other (exports-sql.ts) whose values are inlined here as escaped
// literals with the driver's own escapeLiteral. Only strings, numbers, dates and NULL (an
// absent filter) occur; anything else is refused rather than guessed at.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export function inlineSql(sql: Prisma.Sql, escapeLiteral: (value: string) => string): string {
  const values = sql.values;
  return sql.text.replace(/\$(\d+)/g, (_match, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null) return "NULL";
    if (typeof value === "string") return escapeLiteral(value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (value instanceof Date) return escapeLiteral(value.toISOString());
    throw new Error(`Cannot inline a SQL value of type ${typeof value}`);
  });
}
