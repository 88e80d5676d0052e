"use client";
// Downloads the filtered audit log from the guarded export route (audit.export). A stale
// step-up comes back as a 403 with the refusal; the modal opens and the download is
// retried once.
import { useState } from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { useStepUp } from "@/components/step-up/step-up-provider";
import type { Refusal } from "@/lib/action-result";

export function AuditExportButton({ query }: { query: string }) {
  const { requestStepUp } = useStepUp();
  const [pending, setPending] = useState(false);

  async function fetchCsv() {
    return fetch(`/api/admin/audit/export${query ? `?${query}` : ""}`, { headers: { accept: "text/csv" } });
  }

  async function download() {
    setPending(true);
    try {
      let res = await fetchCsv();
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { refusal?: Refusal; error_description?: string } | null;
        if (body?.refusal?.kind === "step_up_required") {
          if ((await requestStepUp(body.refusal)) === "cancelled") return;
          res = await fetchCsv();
        } else {
          toast({ title: "Download failed", description: body?.error_description ?? "Please try again.", variant: "destructive" });
          return;
        }
      }
      if (!res.ok) {
        toast({ title: "Download failed", description: "Please try again.", variant: "destructive" });
        return;
      }
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "audit-log.csv";
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement("a"), { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch {
      toast({ title: "Download failed", description: "We could not reach the server.", variant: "destructive" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Button variant="outline" onClick={() => void download()} loading={pending} data-testid="audit-export">
      {pending ? null : <Download aria-hidden />} Download CSV
    </Button>
  );
}
