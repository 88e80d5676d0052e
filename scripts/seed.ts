// `npm run db:seed`: the demo accounts and data (idempotent). `--invoices=N` sets the size
// per org (default 10,000; the export benchmark uses 1,000,000).
import { parseArgs } from "node:util";
import { loadEnvFiles } from "./lib/local-env";
import { createScriptDb } from "./lib/script-db";
import { seedDemoAccounts } from "@/lib/seed/demo-accounts";
import { seedDemoSsoConnection } from "@/lib/seed/demo-sso";

const { values } = parseArgs({ options: { invoices: { type: "string", default: "10000" } } });

async function main() {
  loadEnvFiles();
  const { db, close } = createScriptDb();
  try {
    const started = Date.now();
    const created = await seedDemoAccounts({ db, invoices: Number(values.invoices) });
    process.stdout.write(
      created.length
        ? `[tiergate] seeded ${created.join(", ")} in ${Date.now() - started} ms (password: tiergate-demo)\n`
        : "[tiergate] demo accounts already present\n",
    );
    // Set by the launcher when it started the demo IdP (scripts/serve.ts).
    const issuer = process.env.TIERGATE_DEMO_IDP_ISSUER;
    if (issuer && (await seedDemoSsoConnection({ db, issuer }))) {
      process.stdout.write(`[tiergate] Enterprise Co signs in through the demo IdP (${issuer}) for @enterprise.example\n`);
    }
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`[tiergate] seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
