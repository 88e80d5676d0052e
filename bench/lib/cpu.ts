// CPU time per request, read off /proc (Linux, as is the bench's target machine): on 2
// cores under load every figure is CPU-bound, so what a guarded request costs in CPU —
// in the server process and in Postgres — is what its latency ratio is made of, and it
// scatters far less from run to run than the latency does.
import fs from "node:fs";

const TICK_US = 10_000; // USER_HZ is 100 on Linux (getconf CLK_TCK)

/** utime + stime of a process, µs; 0 when it is gone. */
function processCpuUs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return 0;
  }
}

/** Every running `postgres` process (the bench's own server is the only one on the machine during a run). */
export function postgresCpuUs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue;
    }
    total += processCpuUs(Number(entry));
  }
  return total;
}

export function childCpuUs(pid: number): number {
  return processCpuUs(pid);
}
