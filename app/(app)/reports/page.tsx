import type { Metadata } from "next";
import { Info } from "lucide-react";
import { requireSession } from "@/lib/auth/current-session";
import { can } from "@/lib/licensing/policy";
import { ZInvoiceQuerySchema } from "@/lib/reports/schemas";
import { viewReport } from "@/app/(app)/reports/reads";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { RevenueChart } from "@/components/reports/revenue-chart";
import { InvoiceTable } from "@/components/reports/invoice-table";
import { ReportFilters } from "@/components/reports/report-filters";
import { ExportPanel } from "@/components/reports/export-panel";
import { ReportsEmptyState } from "@/components/reports/load-sample-data";
import { count, day, money } from "@/components/reports/format";

export const metadata: Metadata = { title: "Reports" };

// long: one server component tree over one guarded read (the report and its export hints come from the same decision)
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const session = await requireSession();
  const result = await viewReport({ input: raw });

  if (!result.ok && result.error.kind === "invalid") {
    // A hand-edited URL with dates out of order (the form itself refuses them before
    // navigating): the fields say what is wrong and no figure of a half-applied filter shows.
    return (
      <div className="mx-auto max-w-6xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Reports</h1>
        <ReportFilters errors={result.error.fields} />
        <Alert data-testid="report-invalid">
          <Info className="size-4" />
          <AlertTitle>Check the filters</AlertTitle>
          <AlertDescription>Fix the highlighted field to see the figures and invoices.</AlertDescription>
        </Alert>
      </div>
    );
  }
  if (!result.ok) {
    return (
      <Alert variant="destructive" className="mx-auto max-w-2xl">
        <AlertTitle>Reports are not available</AlertTitle>
        <AlertDescription>{result.error.message}</AlertDescription>
      </Alert>
    );
  }
  const { summary, table, since, historyDays, plan, role } = result.data;
  const query = ZInvoiceQuerySchema.parse(raw);
  if (!summary.orgHasCustomers) {
    return (
      <div className="mx-auto max-w-6xl space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Reports</h1>
        <ReportsEmptyState canLoad={can("reports.loadSampleData", { plan, role }).ok} />
      </div>
    );
  }
  const filtered = Boolean(query.q || query.status || query.from || query.to);
  const exportFor = (actionId: "exports.csv" | "exports.bulk") => can(actionId, { plan, role });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Reports</h1>
          <p className="text-sm text-muted-foreground">Invoices and customers of {session.org.name}.</p>
        </div>
        <ExportPanel
          csv={exportFor("exports.csv")}
          bulk={exportFor("exports.bulk")}
          filters={{ q: query.q, status: query.status, from: query.from, to: query.to }}
        />
      </div>

      {since ? (
        <Alert data-testid="history-limit">
          <Info className="size-4" />
          <AlertTitle>Showing the last {historyDays} days</AlertTitle>
          <AlertDescription>
            Your plan includes {historyDays} days of history (since {day(since)}). Pro and Enterprise show all of it.
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="space-y-2">
        <ReportFilters />
        <p className="text-sm text-muted-foreground" data-testid="filter-scope">
          {filtered ? "Figures, chart and table show the invoices matching these filters." : "Showing every invoice."}
        </p>
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[
          { label: "Paid revenue", value: money(summary.paidCents), testId: "kpi-paid" },
          { label: "Outstanding", value: money(summary.openCents), testId: "kpi-open" },
          { label: "Invoices", value: count(summary.invoices), testId: "kpi-invoices" },
          { label: "Customers", value: count(summary.customers), testId: "kpi-customers" },
        ].map((kpi) => (
          <Card key={kpi.label}>
            <CardHeader className="pb-2">
              <CardDescription>{kpi.label}</CardDescription>
              <CardTitle className="text-2xl tabular-nums" data-testid={kpi.testId}>
                {kpi.value}
              </CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Revenue by month</CardTitle>
          <CardDescription>Paid invoices{filtered ? " matching the filters" : ""}, by month issued.</CardDescription>
        </CardHeader>
        <CardContent>
          {summary.monthly.length ? (
            <RevenueChart monthly={summary.monthly} />
          ) : (
            <p className="text-sm text-muted-foreground">{filtered ? "No invoices match these filters." : "No invoices yet."}</p>
          )}
        </CardContent>
      </Card>

      <Card id="invoices" className="scroll-mt-20">
        <CardHeader>
          <CardTitle>Invoices</CardTitle>
          <CardDescription>Sort and page through the invoices with their customer.</CardDescription>
        </CardHeader>
        <CardContent>
          <InvoiceTable table={table} query={query} />
        </CardContent>
      </Card>
    </div>
  );
}
