// What the bench's unguarded twins share (bench/README.md, "Twins through the production
// server"): whether they answer at all, and the license their bodies need.
//
// A twin exists as a page or route only in a build made with TIERGATE_BENCH_TWINS=1
// (next.config.ts pageExtensions). It also refuses at run time unless that variable is set
// and APP_URL is a loopback address, so a bench build started by mistake anywhere else runs
// no unguarded body: a twin skips the plan, role and step-up checks by design.
import "server-only";
import { env } from "@/lib/env";
import { getLicense, type License } from "@/lib/licensing/get-license";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function benchTwinsEnabled(): boolean {
  return process.env.TIERGATE_BENCH_TWINS === "1" && LOOPBACK.has(new URL(env().APP_URL).hostname);
}

const licenses = new Map<string, Promise<License>>();

/**
 * The bodies need the plan's history window. The twin reads the license once per org and
 * keeps it, so no authorization read is left on the unguarded side: what the guard costs
 * is then the whole difference between the two sides.
 */
export function twinLicense(orgId: string, now: Date): Promise<License> {
  let license = licenses.get(orgId);
  if (!license) {
    license = getLicense({ orgId, now });
    licenses.set(orgId, license);
  }
  return license;
}
