import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, ChevronRight, ScrollText } from "lucide-react";
import { auditLogRead } from "@/app/(app)/admin/reads";
import { AUDIT_DECISIONS, AUDIT_PAGE_SIZES } from "@/lib/admin/schemas";
import { ACTIONS, ACTION_IDS } from "@/lib/licensing/policy";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/admin/card-parts";
import { EmptyState } from "@/components/ui/empty-state";
import { AdminGate } from "@/components/admin/admin-gate";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { StepUpChart } from "@/components/admin/step-up-chart";
import { AuditExportButton } from "@/components/admin/audit-export-button";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// long: a server component's one tree: filters, table and pager read the same parsed query; sub-components would only re-pass it
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  // A repeated parameter (?sort=a&sort=b) is kept as an array so the schema refuses it.
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== undefined));
  const access = await auditLogRead({ input: raw });
  if (!access.ok) return <AdminGate refusal={access.error} area="the audit log" />;
  const view = access.data;
  const events = view.events;
  const filterProps = {
    actions: ACTION_IDS.map((id) => ({ id, label: ACTIONS[id].label })),
    events,
    decisions: AUDIT_DECISIONS,
    pageSizes: AUDIT_PAGE_SIZES,
  };

  if (view.invalid !== null) {
    const fields = view.invalid;
    return (
      <div className="space-y-6">
        <AuditFilters {...filterProps} initial={{ actor: "", action: "", decision: "", from: "", to: "", pageSize: "25" }} />
        <Alert variant="destructive" data-testid="audit-invalid">
          <AlertTitle>Some filters are not valid</AlertTitle>
          <AlertDescription>
            <ul className="list-disc pl-4">
              {Object.entries(fields).map(([k, v]) => (
                <li key={k}>
                  <span className="font-medium">{k === "form" ? "Filters" : k}</span>: {v}
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
        <Button variant="outline" asChild>
          <Link href="/admin/audit">Clear filters</Link>
        </Button>
      </div>
    );
  }

  const { query, page, chart } = view;
  const filterQuery = new URLSearchParams(
    Object.entries({
      actor: query.actor,
      action: query.action,
      decision: query.decision,
      from: page.range.fromDay,
      to: page.range.toDay,
      sort: query.sort,
    }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].length > 0),
  );
  const pageHref = (p: number) => {
    const q = new URLSearchParams(filterQuery);
    q.set("page", String(p));
    q.set("pageSize", String(page.pageSize));
    return `/admin/audit?${q.toString()}`;
  };
  const firstRow = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;

  return (
    <div className="space-y-6">
      <AuditFilters
        {...filterProps}
        initial={{
          actor: query.actor ?? "",
          action: query.action ?? "",
          decision: query.decision ?? "",
          from: page.range.fromDay,
          to: page.range.toDay,
          pageSize: String(page.pageSize),
        }}
      />
      <Card>
        <CardContent>
          <StepUpChart days={chart} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Events</CardTitle>
          <CardDescription>
            {page.total.toLocaleString("en")} {page.total === 1 ? "event" : "events"} from {page.range.fromDay} to {page.range.toDay},
            newest {query.sort === "oldest" ? "last" : "first"}.
          </CardDescription>
          <CardAction>
            <AuditExportButton query={filterQuery.toString()} />
          </CardAction>
        </CardHeader>
        <CardContent className="space-y-4">
          {page.events.length === 0 ? (
            <EmptyState icon={ScrollText} title="No events match" description="Try a wider date range or clear a filter." />
          ) : (
            <>
              <AuditTable events={page.events} />
              <div className="flex items-center justify-between text-sm text-muted-foreground">
                <span>
                  {firstRow}–{firstRow + page.events.length - 1} of {page.total.toLocaleString("en")}
                </span>
                <div className="flex items-center gap-2">
                  <span>
                    Page {page.page} of {page.pageCount}
                  </span>
                  <Button variant="outline" size="icon" asChild aria-disabled={page.page <= 1}>
                    <Link href={pageHref(Math.max(1, page.page - 1))} aria-label="Previous page">
                      <ChevronLeft aria-hidden />
                    </Link>
                  </Button>
                  <Button variant="outline" size="icon" asChild aria-disabled={page.page >= page.pageCount}>
                    <Link href={pageHref(Math.min(page.pageCount, page.page + 1))} aria-label="Next page">
                      <ChevronRight aria-hidden />
                    </Link>
                  </Button>
                </div>
              </div>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
