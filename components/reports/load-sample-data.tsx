"use client";

import { useRouter } from "next/navigation";
import { Database } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { loadSampleData } from "@/app/(app)/reports/actions";

/** The reports page of an org with no invoices: explain, and offer sample data to admins. */
export function ReportsEmptyState({ canLoad }: { canLoad: boolean }) {
  const router = useRouter();
  const { run, pending } = useGuardedAction(loadSampleData, { actionId: "reports.loadSampleData" });

  async function onLoad() {
    const result = await run({});
    if (!result.ok) {
      if (result.error.kind !== "cancelled")
        toast({ title: "Sample data not loaded", description: result.error.message, variant: "destructive" });
      return;
    }
    toast({
      title: "Sample data loaded",
      description: `${result.data.customers} customers and ${result.data.invoices} invoices.`,
      variant: "success",
    });
    router.refresh();
  }

  return (
    <EmptyState
      icon={Database}
      title="No invoices yet"
      description={
        canLoad
          ? "Load a set of sample customers and invoices to try reports and exports. You can use it like real data."
          : "Once your organisation has invoices, reports and exports appear here. An admin can load sample data."
      }
      action={
        canLoad ? (
          <Button onClick={onLoad} loading={pending} data-testid="load-sample-data">
            Load sample data
          </Button>
        ) : undefined
      }
    />
  );
}
