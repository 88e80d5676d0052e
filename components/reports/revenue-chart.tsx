// Revenue by month as an SVG bar chart (server-rendered; no chart library needed).
import type { MonthlyRevenue } from "@/lib/reports/get-report-summary";
import { money } from "@/components/reports/format";

const monthLabel = (m: string) =>
  new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${m}-01T00:00:00Z`));

export function RevenueChart({ monthly }: { monthly: MonthlyRevenue[] }) {
  const max = Math.max(1, ...monthly.map((m) => m.paidCents));
  const barWidth = 100 / Math.max(monthly.length, 1);
  return (
    <figure aria-label="Paid revenue by month" className="space-y-2">
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" className="h-48 w-full" role="img">
        <title>Paid revenue by month</title>
        {monthly.map((m, i) => {
          const h = (m.paidCents / max) * 38;
          return (
            <rect
              key={m.month}
              x={i * barWidth + barWidth * 0.15}
              y={40 - h}
              width={barWidth * 0.7}
              height={h}
              rx={0.4}
              className="fill-primary/80 hover:fill-primary"
            >
              <title>{`${monthLabel(m.month)}: ${money(m.paidCents)} from ${m.invoices} invoices`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{monthly[0] ? monthLabel(monthly[0].month) : ""}</span>
        <span>Peak month {money(max)}</span>
        <span>{monthly.at(-1) ? monthLabel(monthly.at(-1)!.month) : ""}</span>
      </figcaption>
    </figure>
  );
}
