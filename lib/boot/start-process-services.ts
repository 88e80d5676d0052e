// What each app instance runs for its whole life, started once from instrumentation.ts (Node
// runtime only) and stopped by the production server's drain (server/graceful-shutdown.ts)
// through the shutdown tasks of lib/ops/lifecycle.ts, in this order: no new sweeps, then
// LISTEN, then the pools, last, once nothing can query any more.
import "server-only";
import { startLicenseSweeper, stopLicenseSweeper } from "@/lib/licensing/license-sweeper";
import { keepListening, stopLicenseEvents } from "@/lib/licensing/license-events";
import { closeDatabase } from "@/lib/db/client";
import { onShutdown } from "@/lib/ops/lifecycle";

export function startProcessServices() {
  startLicenseSweeper();
  // Readiness requires LISTEN (lib/ops/readiness.ts), so it is up before the first stream.
  keepListening();
  onShutdown("license sweeper", stopLicenseSweeper);
  onShutdown("LISTEN connection", stopLicenseEvents);
  onShutdown("database pools", closeDatabase);
}
