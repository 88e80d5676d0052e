// The one table: printed to the terminal and written as bench/results/latest.{json,md}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Row = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: informational row, or the figure could not run. */
  pass: boolean | null;
};

export const fmtMs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
export const fmtUs = (us: number) => `${us.toFixed(0)} µs`;
export const fmtRange = (min: number, max: number, fmt: (v: number) => string) => `${fmt(min)}–${fmt(max)}`;
export const fmtRatio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");
export const fmtCount = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtMb = (mb: number) => `${mb.toFixed(1)} MB`;

const verdict = (pass: boolean | null) => (pass === null ? "—" : pass ? "pass" : "MISS");

export function renderMarkdown(rows: Row[]): string {
  const header = "| figure | value | baseline (same run) | ratio | target | result |\n|---|---|---|---|---|---|";
  const lines = rows.map(
    (r) => `| ${[r.figure, r.value, r.baseline, r.ratio, r.target, verdict(r.pass)].map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`,
  );
  return [header, ...lines].join("\n");
}

export function renderTerminal(rows: Row[]): string {
  const cells = [
    ["figure", "value", "baseline", "ratio", "target", "result"],
    ...rows.map((r) => [r.figure, r.value, r.baseline, r.ratio, r.target, verdict(r.pass)]),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResults({
  dir,
  rows,
  details,
  meta,
}: {
  dir: string;
  rows: Row[];
  details: Record<string, unknown>;
  meta: Record<string, unknown>;
}) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "latest.json"), JSON.stringify({ meta, rows, details }, null, 2) + "\n");
  const m = meta as { date: string; quick: boolean; wallSeconds: number; machine: ReturnType<typeof machine> };
  const md = [
    `# tiergate benchmark — ${m.date}${m.quick ? " (--quick: smaller sizes, not the reference figures)" : ""}`,
    "",
    `Machine: ${m.machine.cpus} × ${m.machine.cpuModel}, ${m.machine.memGb} GB, ${m.machine.platform}, Node ${m.machine.node}. Wall time ${m.wallSeconds.toFixed(0)} s.`,
    "",
    renderMarkdown(rows),
    "",
    "Raw numbers (every run, every percentile) are in latest.json. How each figure is measured: docs/performance.md.",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "latest.md"), md);
}
