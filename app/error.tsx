"use client";

import { Button } from "@/components/ui/button";
import { UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";

// Unexpected errors: a human message and the digest to quote, never internals. A busy or
// unreachable database is said as such: nothing is broken for good and a retry may work.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === UNAVAILABLE_DIGEST) {
    return (
      <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 text-center">
        <h1 className="text-2xl font-semibold">Briefly unavailable</h1>
        <p className="max-w-md text-muted-foreground">The service is busy or restarting. Please try again in a few seconds.</p>
        <Button onClick={reset}>Try again</Button>
      </div>
    );
  }
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-muted-foreground">
        We could not load this page. Please try again{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
