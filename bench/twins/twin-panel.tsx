"use client";
// The bench page's one control: it imports both sides of the server-action row, so both are
// served by the same page worker (the bench posts both to /bench-twins), and lets a person
// run each once by hand and see what it answered.
import { useState } from "react";
import { startCsvExport } from "@/app/(app)/reports/actions";
import { unguardedStartCsvExport } from "@/bench/twins/twin-actions";

export function TwinPanel() {
  const [answer, setAnswer] = useState<string>("");
  const run = async (side: "guarded" | "unguarded") => {
    const call = { input: {}, idempotencyKey: crypto.randomUUID() };
    const result = side === "guarded" ? await startCsvExport(call) : await unguardedStartCsvExport(call);
    setAnswer(`${side}: ${JSON.stringify(result)}`);
  };
  return (
    <main className="mx-auto max-w-2xl space-y-4 p-8">
      <h1 className="text-xl font-semibold">Bench twins</h1>
      <p className="text-sm text-neutral-600">
        Present only in a bench build. Both buttons run the Export CSV body after the same session read; only the first goes through the
        guard.
      </p>
      <div className="flex gap-2">
        <button type="button" className="rounded border px-3 py-1" onClick={() => void run("guarded")}>
          Guarded
        </button>
        <button type="button" className="rounded border px-3 py-1" onClick={() => void run("unguarded")}>
          Unguarded twin
        </button>
      </div>
      <pre className="text-xs whitespace-pre-wrap break-all">{answer}</pre>
    </main>
  );
}
