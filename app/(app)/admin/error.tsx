"use client";
// A console tab that failed to load: say so, offer a retry, keep the shell.
import { useEffect } from "react";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState
      icon={TriangleAlert}
      title="This part of the console did not load"
      description={`Something went wrong on our side.${error.digest ? ` Reference ${error.digest}.` : ""} Please try again.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
