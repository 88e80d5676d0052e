"use server";
// The unguarded twin of the Reports page's "Export CSV" action (startCsvExport in
// app/(app)/reports/actions.ts, a guardedAction): the same session read (sessionAction →
// getCurrentSession, as guardedAction does), the same input validation and the same body
// (lib/exports/start-csv-export.ts) in a plain transaction, with no guard. Served only by a
// bench build's /bench-twins page (app/bench-twins/page.bench.tsx); see twin-context.ts.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { getCurrentSession } from "@/lib/auth/current-session";
import { sessionAction, type SessionBodyArgs } from "@/lib/guard/session-action";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import { ZInvoiceFilterSchema } from "@/lib/reports/schemas";
import { benchTwinsEnabled, twinLicense } from "@/bench/twins/twin-context";

// The browser's call, as useGuardedAction sends it to the guarded action: { input, idempotencyKey }.
const ZTwinCall = z.object({ input: ZInvoiceFilterSchema, idempotencyKey: z.string().optional() });

async function unguardedCsvExport({ input, ctx, now }: SessionBodyArgs): Promise<ActionResult<Awaited<ReturnType<typeof startCsvExport>>>> {
  const call = ZTwinCall.safeParse(input);
  if (!call.success) return refuse(invalid(fieldsFromZod(call.error.issues)));
  // The read sessionAction just made (cache() per request): the role the body's type wants.
  const session = await getCurrentSession();
  if (!session) return refuse({ kind: "unauthenticated", message: "Please sign in to continue." });
  const license = await twinLicense(ctx.orgId, now);
  const data = await db.$transaction((tx) => startCsvExport({ input: call.data.input, ctx, tx, license, role: session.role, now }), {
    timeout: 60_000,
    maxWait: 10_000,
  });
  return ok(data);
}

const twin = sessionAction("bench.twin.exports.csv", unguardedCsvExport);

export async function unguardedStartCsvExport(call: unknown) {
  if (!benchTwinsEnabled()) return refuse({ kind: "forbidden", message: "Bench twins answer only in a bench build on loopback." });
  return twin(call);
}
