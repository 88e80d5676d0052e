// Once a minute in each app instance (started from instrumentation.ts): turns lapsed
// licenses into plan changes (sweepLapsedLicenses) and prunes every table's expired rows
// (lib/ops/prune-expired.ts).
// Both are safe to run on every instance at once. The timer is unref'd so it never keeps a
// process alive; the drain stops it (lib/boot/start-process-services.ts) so no sweep starts
// on pools that are closing.
import "server-only";
import { getDb } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { logger } from "@/lib/log";
import { sweepLapsedLicenses } from "@/lib/licensing/sweep-lapsed-licenses";
import { pruneExpired } from "@/lib/ops/prune-expired";

export const SWEEP_INTERVAL_MS = 60_000;

const g = globalThis as unknown as { __tiergateSweeper?: NodeJS.Timeout };

export function startLicenseSweeper() {
  if (g.__tiergateSweeper) return; // once per process, across dev hot reloads
  const tick = async () => {
    try {
      const at = await now();
      const lapsed = await sweepLapsedLicenses({ db: getDb(), now: at });
      if (lapsed.length) logger.info({ event: "license.lapsed", orgIds: lapsed }, "licenses lapsed by time");
      const pruned = await pruneExpired({ db: getDb(), now: at });
      if (Object.keys(pruned).length) logger.info({ event: "prune.expired", pruned }, "expired rows pruned");
    } catch (err) {
      logger.error({ event: "license.sweep_failed", err }, "license sweep failed");
    }
  };
  g.__tiergateSweeper = setInterval(tick, SWEEP_INTERVAL_MS);
  g.__tiergateSweeper.unref();
}

export function stopLicenseSweeper() {
  if (g.__tiergateSweeper) clearInterval(g.__tiergateSweeper);
  g.__tiergateSweeper = undefined;
}
