"use client";
// Export buttons for the reports page. Each export is a guarded server action (plan, role,
// step-up — the modal opens when needed and the export then starts by itself); the file
// streams with a progress bar of rows and bytes and can be cancelled at any time.
import { useRef, useState } from "react";
import { Download, Lock, PackageOpen, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { toast } from "@/components/ui/use-toast";
import { UpgradePrompt } from "@/components/shell/upgrade-prompt";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { startBulkExport, startCsvExport } from "@/app/(app)/reports/actions";
import { streamDownload, type DownloadProgress } from "@/components/reports/stream-download";
import { bytes as formatBytes, count } from "@/components/reports/format";
import type { InvoiceFilter } from "@/lib/reports/schemas";
import type { Feature, PlanId, Verdict } from "@/lib/licensing/policy";

type Running = { label: string; total: number; progress: DownloadProgress; controller: AbortController };

/** `csv`/`bulk`: can() for the viewer: a button, a locked button naming the plan, or nothing (role). */
// long: one panel over one export ticket's lifecycle (start, poll, download, fail)
export function ExportPanel({ csv, bulk, filters }: { csv: Verdict; bulk: Verdict; filters: InvoiceFilter }) {
  const csvAction = useGuardedAction(startCsvExport, { actionId: "exports.csv" });
  const bulkAction = useGuardedAction(startBulkExport, { actionId: "exports.bulk" });
  const [running, setRunning] = useState<Running | null>(null);
  const [done, setDone] = useState<{ label: string; rows: number; bytes: number } | null>(null);
  const [upgrade, setUpgrade] = useState<{ feature: Feature; plan: PlanId } | null>(null);
  const runningRef = useRef<Running | null>(null);

  async function start(kind: "csv" | "bulk") {
    setDone(null);
    const label = kind === "csv" ? "CSV export" : "Bulk export";
    const result = kind === "csv" ? await csvAction.run(filters) : await bulkAction.run({});
    if (!result.ok) {
      if (result.error.kind !== "cancelled" && result.error.kind !== "plan_required") {
        toast({ title: `${label} not started`, description: result.error.message, variant: "destructive" });
      }
      return;
    }
    const controller = new AbortController();
    const state: Running = { label, total: result.data.rows, progress: { rows: 0, bytes: 0 }, controller };
    runningRef.current = state;
    setRunning(state);
    try {
      const final = await streamDownload({
        url: result.data.url,
        filename: kind === "csv" ? "invoices.csv" : "organisation-export.ndjson",
        signal: controller.signal,
        headerLines: kind === "csv" ? 1 : 0,
        onProgress: (progress) => setRunning((r) => (r ? { ...r, progress } : r)),
      });
      setDone({ label, ...final });
      toast({ title: `${label} complete`, description: `${count(final.rows)} rows, ${formatBytes(final.bytes)}.`, variant: "success" });
    } catch (err) {
      if (controller.signal.aborted) toast({ title: `${label} cancelled`, description: "Nothing was saved." });
      else toast({ title: `${label} failed`, description: (err as Error).message, variant: "destructive" });
    } finally {
      runningRef.current = null;
      setRunning(null);
    }
  }

  const busy = running !== null || csvAction.pending || bulkAction.pending;
  const percent = running && running.total > 0 ? Math.min(100, (running.progress.rows / running.total) * 100) : 0;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {csv.ok ? (
          <Button onClick={() => start("csv")} loading={csvAction.pending} disabled={busy} data-testid="export-csv">
            <Download aria-hidden /> Export CSV
          </Button>
        ) : csv.reason === "plan" ? (
          <Button variant="outline" onClick={() => setUpgrade(csv)} data-testid="export-csv-locked">
            <Lock aria-hidden /> Export CSV
          </Button>
        ) : null}
        {bulk.ok ? (
          <Button variant="outline" onClick={() => start("bulk")} loading={bulkAction.pending} disabled={busy} data-testid="export-bulk">
            <PackageOpen aria-hidden /> Bulk export
          </Button>
        ) : bulk.reason === "plan" ? (
          <Button variant="outline" onClick={() => setUpgrade(bulk)} data-testid="export-bulk-locked">
            <Lock aria-hidden /> Bulk export
          </Button>
        ) : null}
      </div>
      {running ? (
        <div className="w-80 space-y-1 rounded-md border bg-card p-3" data-testid="export-progress" aria-live="polite">
          <div className="flex items-center justify-between text-sm">
            <span className="font-medium">{running.label}</span>
            <Button size="sm" variant="ghost" onClick={() => running.controller.abort()} data-testid="export-cancel">
              <X aria-hidden /> Cancel
            </Button>
          </div>
          <Progress value={percent} aria-label={`${running.label} progress`} />
          <div className="text-xs text-muted-foreground" data-testid="export-progress-text">
            {count(running.progress.rows)} of {count(running.total)} rows · {formatBytes(running.progress.bytes)}
          </div>
        </div>
      ) : done ? (
        <p className="text-xs text-muted-foreground" data-testid="export-done">
          {done.label}: {count(done.rows)} rows, {formatBytes(done.bytes)} downloaded.
        </p>
      ) : null}
      <UpgradePrompt
        open={upgrade !== null}
        onOpenChange={(o) => !o && setUpgrade(null)}
        feature={upgrade?.feature ?? null}
        plan={upgrade?.plan ?? "pro"}
      />
    </div>
  );
}
