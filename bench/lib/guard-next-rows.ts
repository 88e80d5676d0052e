// The table rows of the guard-next figure (bench/guard-next.ts): per endpoint and
// connection count, p50 and p99 of both sides with the guarded/unguarded ratios, and per
// endpoint the CPU per request at the most connections (next start + Postgres).
import type { GuardNextResult } from "../guard-next";
import type { CpuPerRequest } from "./cpu";
import { fmtCount, fmtMs, fmtRange, fmtRatio, fmtUs, type Row } from "./report";

const LABELS = {
  action: "server action Export CSV (startCsvExport: CSV export ticket, 2 statements)",
  route: "API route GET /api/v1/license (org read)",
} as const;

export function guardNextRows(r: GuardNextResult): Row[] {
  const rows: Row[] = [];
  for (const endpoint of ["action", "route"] as const) {
    for (const [connections, t] of Object.entries(r[endpoint])) {
      const side = (s: typeof t.guarded) =>
        `p50 ${fmtMs(s.p50)} (${fmtRange(...s.p50Range, fmtMs)}) / p99 ${fmtMs(s.p99)}, ${fmtCount(s.rps)} req/s`;
      rows.push({
        figure: `next start: guarded vs unguarded twin, ${LABELS[endpoint]}, p50 / p99 @${connections} conns, ${t.rounds.length}×${t.seconds} s`,
        value: side(t.guarded),
        baseline: side(t.unguarded),
        ratio: `${fmtRatio(t.ratioP50)} / ${fmtRatio(t.ratioP99)}`,
        target: "p50 ≤ 1.10 / p99 ≤ 1.25",
        pass: t.ratioP50 <= 1.1 && t.ratioP99 <= 1.25,
      });
    }
    const last = Object.entries(r[endpoint]).at(-1);
    if (!last) continue;
    const [connections, most] = last;
    const total = (c: CpuPerRequest) => c.server + c.postgres;
    const split = (c: CpuPerRequest) => `${fmtUs(total(c))} (next start ${fmtUs(c.server)}, Postgres ${fmtUs(c.postgres)})`;
    rows.push({
      figure: `next start: guarded vs unguarded twin, ${endpoint === "action" ? "server action" : "API route"}, CPU per request @${connections} conns`,
      value: split(most.cpu.guarded),
      baseline: split(most.cpu.unguarded),
      ratio: fmtRatio(total(most.cpu.guarded) / total(most.cpu.unguarded)),
      target: "— (informational)",
      pass: null,
    });
  }
  return rows;
}
