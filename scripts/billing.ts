// `npm run billing -- <command>`: the local billing provider from a terminal, against the
// running dev app. Changes are stored like Stripe would store them and delivered as signed
// events to ${APP_URL}/api/webhooks/stripe — exactly what the local portal page does.
//
//   list                                   organisations and their subscriptions
//   subscribe <email|org-slug> <lookup_key> [--trial]
//   change <org> <lookup_key>              switch price (pro_monthly, pro_yearly, enterprise_monthly, enterprise_yearly)
//   cancel <org> [--now]                   cancel at period end, or immediately
//   resume <org>                           undo a cancel-at-period-end
//   fail-renewal <org>                     the renewal charge fails → past_due
//   pay <org>                              the open invoice is paid → active
//   end-trial <org>                        trial ends now → active
//   trial-will-end <org>                   send customer.subscription.trial_will_end
//   pause <org> | unpause <org>
//   events [org]                           recent events (ids to replay)
//   replay <event_id>                      deliver a stored event again (deduped by the webhook)
//
// <org> is an org slug or the email of its owner. Env: DATABASE_URL (default: the dev
// embedded Postgres on 127.0.0.1:54329), APP_URL, STRIPE_WEBHOOK_SECRET (from .env.local).
import { parseArgs } from "node:util";
import { loadEnvFiles } from "./lib/local-env";
import { createScriptDb } from "./lib/script-db";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { LocalBillingError, LocalDeliveryError } from "@/lib/billing/local/errors";
import { TRIAL_DAYS, isPriceLookupKey, type PriceLookupKey } from "@/lib/licensing/policy";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const DEV_DATABASE_URL = "postgresql://tiergate:tiergate@127.0.0.1:54329/tiergate";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trial: { type: "boolean", default: false }, now: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
});

const out = (line: string) => process.stdout.write(line + "\n");

class UsageError extends Error {}

async function findOrg(db: PrismaClient, ref: string | undefined) {
  if (!ref) throw new UsageError("Name an organisation: its slug or its owner's email.");
  const org = ref.includes("@")
    ? (
        await db.membership.findFirst({
          where: { role: "owner", user: { email: ref.toLowerCase() } },
          orderBy: { createdAt: "asc" },
          select: { org: true },
        })
      )?.org
    : await db.organization.findUnique({ where: { slug: ref } });
  if (!org) throw new UsageError(`No organisation found for "${ref}".`);
  const owner = await db.membership.findFirst({
    where: { orgId: org.id, role: "owner" },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!owner) throw new UsageError(`${org.name} has no owner.`);
  return { org, owner: owner.user };
}

function lookupKeyArg(value: string | undefined): PriceLookupKey {
  if (!isPriceLookupKey(value))
    throw new UsageError("Lookup key must be one of pro_monthly, pro_yearly, enterprise_monthly, enterprise_yearly.");
  return value;
}

// long: a script's top-level sequence, read top to bottom as the steps it runs
async function main() {
  loadEnvFiles();
  process.env.DATABASE_URL ??= DEV_DATABASE_URL;
  const [command, ...args] = positionals;
  if (!command || values.help) {
    const header = (await import("node:fs"))
      .readFileSync(new URL(import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("//"))
      .slice(0, 22);
    out(header.map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
    return;
  }
  const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!webhookSecret) throw new UsageError("STRIPE_WEBHOOK_SECRET is not set (npm run dev writes one to .env.local).");
  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  const { db, close } = createScriptDb();
  const provider = createLocalProvider({ db, webhookSecret, appUrl });
  try {
    const currentSubscription = async (ref: string | undefined) => {
      const { org } = await findOrg(db, ref);
      const sub = await provider.currentSubscription(org.stripeCustomerId);
      if (!sub) throw new UsageError(`${org.name} has no subscription. Use: subscribe ${ref} <lookup_key>`);
      return sub;
    };
    const report = (r: { subscription: { id: string; status: string }; events: { id: string; type: string }[] }) => {
      out(`${r.subscription.id} → ${r.subscription.status}`);
      for (const e of r.events) out(`  delivered ${e.id} ${e.type}`);
    };
    switch (command) {
      case "list": {
        const orgs = await db.organization.findMany({ include: { subscription: true }, orderBy: { createdAt: "asc" } });
        for (const o of orgs) {
          const s = o.subscription;
          out(
            `${o.slug.padEnd(32)} ${s ? `${s.plan.padEnd(10)} ${s.status.padEnd(10)} ${s.priceLookupKey ?? ""} ${s.cancelAtPeriodEnd ? "(cancels at period end)" : ""}` : "free"}`,
          );
        }
        break;
      }
      case "subscribe": {
        const { org, owner } = await findOrg(db, args[0]);
        report(await provider.subscribe({ org, user: owner, lookupKey: lookupKeyArg(args[1]), trialDays: values.trial ? TRIAL_DAYS : 0 }));
        break;
      }
      case "change":
        report(await provider.changePlan({ subscriptionId: (await currentSubscription(args[0])).id, lookupKey: lookupKeyArg(args[1]) }));
        break;
      case "cancel": {
        const sub = await currentSubscription(args[0]);
        report(
          values.now
            ? await provider.cancelNow({ subscriptionId: sub.id })
            : await provider.setCancelAtPeriodEnd({ subscriptionId: sub.id, cancelAtPeriodEnd: true }),
        );
        break;
      }
      case "resume":
        report(await provider.setCancelAtPeriodEnd({ subscriptionId: (await currentSubscription(args[0])).id, cancelAtPeriodEnd: false }));
        break;
      case "fail-renewal":
        report(await provider.failRenewal({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "pay":
        report(await provider.payOutstanding({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "end-trial":
        report(await provider.endTrial({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "trial-will-end":
        report(await provider.trialWillEnd({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "pause":
        report(await provider.pause({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "unpause":
        report(await provider.resumePaused({ subscriptionId: (await currentSubscription(args[0])).id }));
        break;
      case "events": {
        const customerId = args[0] ? ((await findOrg(db, args[0])).org.stripeCustomerId ?? "none") : undefined;
        for (const e of await provider.listEvents({ customerId, limit: 30 }))
          out(`${e.id}  ${new Date(e.created * 1000).toISOString()}  ${e.type}`);
        break;
      }
      case "replay": {
        if (!args[0]) throw new UsageError("Usage: replay <event_id>");
        const e = await provider.replay(args[0]);
        out(`delivered ${e.id} ${e.type}`);
        break;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Run npm run billing -- --help.`);
    }
  } finally {
    await close();
  }
}

main().catch((err) => {
  const known = err instanceof UsageError || err instanceof LocalBillingError || err instanceof LocalDeliveryError;
  const unreachable = /ECONNREFUSED|connect|Can't reach database/i.test(
    String(err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : err),
  );
  process.stderr.write(
    `[billing] ${
      known
        ? err.message
        : unreachable
          ? `Cannot reach the database (${process.env.DATABASE_URL?.replace(/\/\/[^@]*@/, "//")}). Is npm run dev running, or is DATABASE_URL set?`
          : err instanceof Error
            ? err.stack
            : String(err)
    }\n`,
  );
  if (err instanceof LocalDeliveryError)
    process.stderr.write("[billing] Is the app running at APP_URL? The change is stored; replay the event once it is.\n");
  process.exit(1);
});
