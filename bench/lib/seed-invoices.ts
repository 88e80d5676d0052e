// Large demo datasets for the export figure, through the shared seed helper
// (lib/seed/demo-data.ts) in chunks of 20,000. Why chunks: that helper computes
// `i * 104729` on generate_series' int4 `i`, which overflows ("integer out of range") for
// i > 20,505, so one call cannot seed 10⁵ or 10⁶ rows today. Chunks stay below the
// overflow; invoice numbers repeat across chunks (nothing relies on them being unique),
// customers and dates are spread the same way. The helper uses a bigint series since
// a160a95; the chunking is kept only so the committed results match the code that made
// them, and can go (one seedDemoData call) with the next reference run.
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/demo-data";

export const SEED_CHUNK = 20_000;

export async function seedManyInvoices({ orgId, invoices }: { orgId: string; invoices: number }) {
  for (let done = 0; done < invoices; done += SEED_CHUNK) {
    await seedDemoData({ db, orgId, invoices: Math.min(SEED_CHUNK, invoices - done) });
  }
  await db.$executeRaw`ANALYZE "Invoice"`;
  await db.$executeRaw`ANALYZE "Customer"`;
}
