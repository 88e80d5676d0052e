// What every local operation is given: the database that holds the provider's objects, how
// to deliver its events, and its own clock ("Stripe's time", separate from the app's clock).
// Built once by createLocalProvider (provider.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DeliverFn } from "@/lib/billing/local/delivery";

export type LocalContext = {
  db: PrismaClient;
  webhookSecret: string;
  deliver: DeliverFn;
  clock: () => Date;
  /** An absolute URL of the app (checkout and portal pages, redirects). */
  url: (path: string) => string;
};
