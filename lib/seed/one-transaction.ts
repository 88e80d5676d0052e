// Code written against a PrismaClient opens its own transactions ($transaction): the billing
// sync and the local provider do. To make a demo account's whole seed one transaction, they
// get this client instead, on which $transaction joins the outer transaction rather than
// opening another (Prisma has no nested transactions). Seeding only: it drops the inner
// transactions' options (isolation level, timeouts), which the seed's advisory lock makes
// moot there and which the app's real callers rely on.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";

export function joiningTransaction(tx: Tx): PrismaClient {
  const $transaction = async (work: unknown) => {
    if (typeof work === "function") return (work as (client: PrismaClient) => unknown)(client);
    const results: unknown[] = [];
    for (const query of work as Promise<unknown>[]) results.push(await query);
    return results;
  };
  const client = new Proxy(tx, {
    get(target, prop) {
      if (prop === "$transaction") return $transaction;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as PrismaClient;
  return client;
}
