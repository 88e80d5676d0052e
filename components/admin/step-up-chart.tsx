// Step-ups per day, successes stacked over failures, as inline SVG (no chart library).
import type { StepUpDay } from "@/lib/admin/query-audit-events";

const W = 720;
const H = 160;
const PAD = { top: 8, right: 8, bottom: 22, left: 28 };

export function StepUpChart({ days }: { days: StepUpDay[] }) {
  const max = Math.max(1, ...days.map((d) => d.succeeded + d.failed));
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / days.length;
  const bar = Math.max(1, Math.min(24, slot * 0.7));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.ceil(days.length / 8);
  const totals = days.reduce((t, d) => ({ ok: t.ok + d.succeeded, bad: t.bad + d.failed }), { ok: 0, bad: 0 });

  return (
    <figure className="space-y-2" data-testid="step-up-chart">
      <figcaption className="flex flex-wrap items-center gap-4 text-sm">
        <span className="font-medium">Step-ups per day</span>
        <span className="flex items-center gap-1.5 text-muted-foreground">
          <span className="size-2.5 rounded-sm bg-success" aria-hidden /> {totals.ok} verified
        </span>
        <span className="flex items-center gap-1.5 text-muted-foreground">
          <span className="size-2.5 rounded-sm bg-destructive" aria-hidden /> {totals.bad} failed or refused
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        // Height follows width (the viewBox ratio), so the chart spans its card at every width.
        className="h-auto w-full"
        role="img"
        aria-label={`Step-ups per day: ${totals.ok} verified, ${totals.bad} failed`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(t)}
              y2={y(t)}
              className="stroke-border"
              strokeDasharray={t === 0 ? undefined : "3 3"}
            />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-muted-foreground text-[10px]">
              {t}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.succeeded} verified, ${d.failed} failed`}</title>
              {d.succeeded > 0 ? (
                <rect x={x} width={bar} y={y(d.succeeded)} height={y(0) - y(d.succeeded)} rx={1.5} className="fill-success" />
              ) : null}
              {d.failed > 0 ? (
                <rect
                  x={x}
                  width={bar}
                  y={y(d.succeeded + d.failed)}
                  height={y(d.succeeded) - y(d.succeeded + d.failed)}
                  rx={1.5}
                  className="fill-destructive"
                />
              ) : null}
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={H - 6} textAnchor="middle" className="fill-muted-foreground text-[10px]">
                  {new Date(`${d.day}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" })}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
