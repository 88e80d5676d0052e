// Server time. Every TTL and expiry check asks this instead of `new Date()`, so tests can
// move time instead of sleeping. With TIERGATE_TEST_CLOCK=1 (e2e only; refused for non-local
// APP_URL in production) an offset stored in Postgres is added, so all instances agree.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export async function now(): Promise<Date> {
  if (env().TIERGATE_TEST_CLOCK !== "1") return new Date();
  const row = await db.clockOffset.findUnique({ where: { id: 1 } });
  return new Date(Date.now() + (row?.seconds ?? 0) * 1000);
}

export async function setClockOffset(seconds: number) {
  if (env().TIERGATE_TEST_CLOCK !== "1") throw new Error("The test clock is disabled");
  await db.clockOffset.upsert({ where: { id: 1 }, create: { id: 1, seconds }, update: { seconds } });
}
