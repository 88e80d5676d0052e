// Standalone: `npx tsx bench/webhooks-cli.ts --url http://localhost:3201 --database-url … --secret whsec_…`
// (npm run bench wires benchWebhooks into the full benchmark; this runs only this part).
import { parseArgs } from "node:util";
import { benchWebhooks } from "./webhooks";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.APP_URL ?? "http://localhost:3000" },
    "database-url": { type: "string", default: process.env.DATABASE_URL },
    secret: { type: "string", default: process.env.STRIPE_WEBHOOK_SECRET },
    events: { type: "string", default: "5000" },
    connections: { type: "string", default: "16" },
  },
});

if (!values["database-url"] || !values.secret) {
  process.stderr.write("Need --database-url and --secret (or DATABASE_URL / STRIPE_WEBHOOK_SECRET)\n");
  process.exit(1);
}
const result = await benchWebhooks({
  baseUrl: values.url!,
  databaseUrl: values["database-url"]!,
  secret: values.secret!,
  events: Number(values.events),
  connections: Number(values.connections),
});
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
