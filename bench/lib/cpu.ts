// CPU time per request, read off /proc (Linux, as is the bench's target machine): on 2
// cores under load every figure is CPU-bound, so what a guarded request costs in CPU —
// in the server process and in Postgres — is what its latency ratio is made of, and it
// scatters far less from run to run than the latency does.
import fs from "node:fs";

const TICK_US = 10_000; // USER_HZ is 100 on Linux (getconf CLK_TCK)

/**
 * utime + stime of a process, µs; 0 when it is gone. With `reaped`, also the time of its
 * children that exited and were waited for (cutime + cstime).
 */
function processCpuUs(pid: number, { reaped = false } = {}): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    const own = fields[11]! + fields[12]!;
    return (reaped ? own + fields[13]! + fields[14]! : own) * TICK_US;
  } catch {
    return 0;
  }
}

/**
 * Every `postgres` process (the bench's own server is the only one on the machine during a
 * run), counting a backend that exited during the window too: the postmaster reaps its
 * backends, so their time moves into its cutime/cstime instead of vanishing from the sum.
 */
export function postgresCpuUs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue;
    }
    total += processCpuUs(Number(entry), { reaped: true });
  }
  return total;
}

export function childCpuUs(pid: number): number {
  return processCpuUs(pid);
}

/** CPU per 2xx response over the measured rounds, µs: the server process and every Postgres process. */
export type CpuPerRequest = { server: number; postgres: number };

/**
 * Adds up, per side of a twin pair, the CPU the server process and Postgres spent during the
 * load runs that count (not the warm-ups), and divides by the responses those runs got.
 */
export function cpuMeter<S extends string>(serverPid: number) {
  const spent = new Map<S, { server: number; postgres: number; requests: number }>();
  return {
    async measure<R extends { requests: number }>(side: S, counted: boolean, run: () => Promise<R>): Promise<R> {
      const before = { server: childCpuUs(serverPid), postgres: postgresCpuUs() };
      const result = await run();
      if (counted) {
        const s = spent.get(side) ?? { server: 0, postgres: 0, requests: 0 };
        s.server += childCpuUs(serverPid) - before.server;
        s.postgres += postgresCpuUs() - before.postgres;
        s.requests += result.requests;
        spent.set(side, s);
      }
      return result;
    },
    perRequest(side: S): CpuPerRequest {
      const s = spent.get(side) ?? { server: 0, postgres: 0, requests: 0 };
      return { server: s.server / Math.max(s.requests, 1), postgres: s.postgres / Math.max(s.requests, 1) };
    },
  };
}
