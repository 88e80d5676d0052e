// The database bounds come from validated env: a malformed value stops the boot with a
// message naming the variable, and the defaults are the documented ones.
import { describe, expect, it } from "vitest";
import { DatabaseEnvSchema } from "@/lib/db/db-env";

describe("attack: a misconfigured pool that waits forever or exhausts the database", () => {
  it("defaults: 20 connections, 5 s acquire, 15 s statements, 30 s idle in transaction, exports 4 / 10 min / 30 s stall / 2 per user / 4 per org", () => {
    expect(DatabaseEnvSchema.parse({})).toEqual({
      DATABASE_POOL_SIZE: 20,
      DATABASE_POOL_ACQUIRE_TIMEOUT_MS: 5_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 30_000,
      EXPORT_POOL_SIZE: 4,
      EXPORT_STATEMENT_TIMEOUT_MS: 600_000,
      EXPORT_STALL_SECONDS: 30,
      EXPORT_MAX_PER_USER: 2,
      EXPORT_MAX_PER_ORG: 4,
    });
  });

  it.each([
    ["DATABASE_POOL_SIZE", "twenty", "DATABASE_POOL_SIZE must be a whole number"],
    ["DATABASE_POOL_SIZE", "0", "DATABASE_POOL_SIZE must be at least 1"],
    ["DATABASE_POOL_ACQUIRE_TIMEOUT_MS", "0", "DATABASE_POOL_ACQUIRE_TIMEOUT_MS must be at least 100"],
    ["DATABASE_POOL_ACQUIRE_TIMEOUT_MS", "1.5", "DATABASE_POOL_ACQUIRE_TIMEOUT_MS must be a whole number of milliseconds"],
    ["EXPORT_STALL_SECONDS", "0", "EXPORT_STALL_SECONDS must be at least 1"],
    ["EXPORT_MAX_PER_USER", "-1", "EXPORT_MAX_PER_USER must be at least 1"],
  ])("%s=%s is refused: %s", (name, value, message) => {
    const parsed = DatabaseEnvSchema.safeParse({ [name]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[name, message]]);
  });

  it("0 timeouts mean 'set on the server' (a pooler that refuses startup parameters), and are accepted", () => {
    expect(DatabaseEnvSchema.parse({ DATABASE_STATEMENT_TIMEOUT_MS: "0", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0" })).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 0,
    });
  });
});
