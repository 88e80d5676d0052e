import { Skeleton } from "@/components/ui/skeleton";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

/** Loading state for a console tab: a card with a header and table rows. */
export function AdminSkeleton({ rows = 6, chart = false }: { rows?: number; chart?: boolean }) {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading">
      {chart ? <Skeleton className="h-40 w-full rounded-xl" /> : null}
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-72" />
        </CardHeader>
        <CardContent className="space-y-3">
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="flex items-center gap-4">
              <Skeleton className="size-8 rounded-full" />
              <Skeleton className="h-4 flex-1" />
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-8 w-20" />
            </div>
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
