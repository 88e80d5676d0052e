// The billing page's invoices and receipts, newest first, from the billing provider: the
// table, and the card it sits in on the page.
import { Receipt } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InvoiceSummary } from "@/lib/billing/provider";

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
const day = (unix: number) =>
  new Date(unix * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const STATUS: Record<string, { label: string; variant: "success" | "warning" | "secondary" }> = {
  paid: { label: "Paid", variant: "success" },
  open: { label: "Due", variant: "warning" },
  uncollectible: { label: "Unpaid", variant: "warning" },
  void: { label: "Void", variant: "secondary" },
  draft: { label: "Draft", variant: "secondary" },
};

export function InvoiceList({ invoices }: { invoices: InvoiceSummary[] | null }) {
  if (invoices === null) {
    return <p className="text-sm text-muted-foreground">The invoices cannot be loaded right now. Try again in a minute.</p>;
  }
  if (invoices.length === 0) {
    return <EmptyState icon={Receipt} title="No invoices yet" description="Each payment appears here with its receipt." />;
  }
  return (
    <Table data-testid="invoice-list" className="min-w-[36rem]">
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Description</TableHead>
          <TableHead>Invoice</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead>Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invoices.map((invoice) => {
          const status = STATUS[invoice.status] ?? { label: invoice.status, variant: "secondary" as const };
          return (
            <TableRow key={invoice.id} data-testid="invoice-row">
              <TableCell className="whitespace-nowrap">{day(invoice.created)}</TableCell>
              <TableCell>{invoice.description}</TableCell>
              <TableCell className="whitespace-nowrap">
                {invoice.url ? (
                  <a href={invoice.url} className="underline underline-offset-4" target="_blank" rel="noreferrer">
                    {invoice.number ?? "View"}
                  </a>
                ) : (
                  (invoice.number ?? "—")
                )}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {money(invoice.total, invoice.currency)}
                {invoice.amountDue !== invoice.total && invoice.total > 0 && (
                  <span className="block text-xs text-muted-foreground">{money(invoice.amountDue, invoice.currency)} after credit</span>
                )}
              </TableCell>
              <TableCell>
                <Badge variant={status.variant}>{status.label}</Badge>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function InvoicesCard({ invoices }: { invoices: InvoiceSummary[] | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invoices and receipts</CardTitle>
        <CardDescription>Every charge and credit, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        <InvoiceList invoices={invoices} />
      </CardContent>
    </Card>
  );
}
