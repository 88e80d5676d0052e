"use client";
// "Export invoices (CSV)": a guarded server action behind one button. On Pro it asks for a
// passkey at most hourly, on Enterprise every 10 minutes; the download starts by itself
// after the passkey check (no second click).
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { StepUpProvider } from "@/components/step-up/step-up-provider";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { exportInvoicesCsv } from "@/components/step-up/export-actions";

function download(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function ExportButton({ limit }: { limit: number }) {
  const { run, pending } = useGuardedAction(exportInvoicesCsv, { actionId: "exports.csv" });
  async function onClick() {
    const result = await run({ limit });
    if (result.ok) {
      download(result.data.filename, result.data.csv);
      toast({ title: "Export ready", description: `${result.data.rows} invoices downloaded.`, variant: "success" });
    } else if (result.error.kind !== "cancelled" && result.error.kind !== "plan_required") {
      toast({ title: "Export not started", description: result.error.message, variant: "destructive" });
    }
  }
  return (
    <Button onClick={onClick} loading={pending} data-testid="export-invoices">
      <Download aria-hidden /> Export invoices (CSV)
    </Button>
  );
}

export function ExportInvoicesButton({ limit = 1000 }: { limit?: number }) {
  return (
    <StepUpProvider>
      <ExportButton limit={limit} />
    </StepUpProvider>
  );
}
