// Runs sweepLapsedLicenses once a minute in each app instance (started from
// instrumentation.ts). The timer is unref'd so it never keeps a process alive.
import "server-only";
import { getDb } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { logger } from "@/lib/log";
import { sweepLapsedLicenses } from "@/lib/licensing/sweep-lapsed-licenses";

export const SWEEP_INTERVAL_MS = 60_000;

export function startLicenseSweeper() {
  const g = globalThis as unknown as { __tiergateSweeper?: NodeJS.Timeout };
  if (g.__tiergateSweeper) return; // once per process, across dev hot reloads
  const tick = async () => {
    try {
      const lapsed = await sweepLapsedLicenses({ db: getDb(), now: await now() });
      if (lapsed.length) logger.info({ event: "license.lapsed", orgIds: lapsed }, "licenses lapsed by time");
    } catch (err) {
      logger.error({ event: "license.sweep_failed", err }, "license sweep failed");
    }
  };
  g.__tiergateSweeper = setInterval(tick, SWEEP_INTERVAL_MS);
  g.__tiergateSweeper.unref();
}
