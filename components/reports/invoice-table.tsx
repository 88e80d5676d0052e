// The invoice table with server-side sorting and pagination (links, no client state). The
// links keep the scroll position (scroll={false}): paging through the table stays at the table.
import Link from "next/link";
import { ArrowDown, ArrowUp, ChevronLeft, ChevronRight } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { InvoiceRow } from "@/lib/reports/list-invoices";
import type { InvoiceQuery, InvoiceSort } from "@/lib/reports/schemas";
import { count, day, moneyExact } from "@/components/reports/format";

type Table = { rows: InvoiceRow[]; total: number; page: number; pageSize: number };

function hrefWith(query: InvoiceQuery, changes: Partial<Record<keyof InvoiceQuery, string | number | undefined>>) {
  const merged: Record<string, string | number | undefined> = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "") continue;
    if ((k === "page" && v === 1) || (k === "sort" && v === "issuedAt") || (k === "dir" && v === "desc") || (k === "pageSize" && v === 25))
      continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `/reports?${s}` : "/reports";
}

const STATUS_VARIANT = { paid: "success", open: "warning", void: "secondary" } as const;

function SortHead({ query, sort, label, className }: { query: InvoiceQuery; sort: InvoiceSort; label: string; className?: string }) {
  const active = query.sort === sort;
  const dir = active && query.dir === "desc" ? "asc" : "desc";
  return (
    <TableHead className={className} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={hrefWith(query, { sort, dir, page: 1 })} scroll={false} className="inline-flex items-center gap-1 hover:text-foreground">
        {label}
        {active ? query.dir === "asc" ? <ArrowUp className="size-3" /> : <ArrowDown className="size-3" /> : null}
      </Link>
    </TableHead>
  );
}

export function InvoiceTable({ table, query }: { table: Table; query: InvoiceQuery }) {
  if (table.rows.length === 0) {
    return <EmptyState title="No invoices match" description="Try a different search, status or date range." />;
  }
  const first = (table.page - 1) * table.pageSize + 1;
  const last = first + table.rows.length - 1;
  const hasNext = last < table.total;
  return (
    <div className="space-y-3">
      <Table data-testid="invoice-table">
        <TableHeader>
          <TableRow>
            <SortHead query={query} sort="number" label="Invoice" />
            <TableHead>Customer</TableHead>
            <TableHead>Status</TableHead>
            <SortHead query={query} sort="issuedAt" label="Issued" />
            <SortHead query={query} sort="amount" label="Amount" className="text-right" />
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell className="whitespace-nowrap font-mono text-xs">{r.number}</TableCell>
              <TableCell>
                <div className="font-medium">{r.customerName}</div>
                <div className="text-xs text-muted-foreground">
                  {r.customerEmail} · {r.company}, {r.country}
                </div>
              </TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[r.status as keyof typeof STATUS_VARIANT] ?? "outline"} className="capitalize">
                  {r.status}
                </Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap">{day(r.issuedAt)}</TableCell>
              <TableCell className="text-right tabular-nums">{moneyExact(r.amountCents, r.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span data-testid="table-range">
          {count(first)}–{count(last)} of {count(table.total)}
        </span>
        <div className="flex gap-2">
          <Button asChild variant="outline" size="sm" aria-disabled={table.page <= 1}>
            <Link href={hrefWith(query, { page: Math.max(1, table.page - 1) })} scroll={false} aria-label="Previous page">
              <ChevronLeft className="size-4" /> Previous
            </Link>
          </Button>
          <Button asChild variant="outline" size="sm" aria-disabled={!hasNext}>
            <Link href={hrefWith(query, { page: table.page + 1 })} scroll={false} aria-label="Next page">
              Next <ChevronRight className="size-4" />
            </Link>
          </Button>
        </div>
      </div>
    </div>
  );
}
