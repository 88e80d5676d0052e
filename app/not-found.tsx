import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 text-center">
      <p className="text-sm font-medium text-primary">404</p>
      <h1 className="text-2xl font-semibold">We could not find that page</h1>
      <p className="text-muted-foreground">It may have moved, or the link is mistyped.</p>
      <Button asChild>
        <Link href="/dashboard">Back to the app</Link>
      </Button>
    </div>
  );
}
