// The guard sends guard_decide() on the node-postgres connection of its own Prisma
// transaction (lib/db/client.ts withTransactionConnection). If that connection were ever
// another one, the decision's locks would be taken outside the action's transaction (and
// released at once), so this holds the one property that makes it safe: inside the
// callback, the connection found IS the transaction's — the same transaction id — also
// when many transactions wait for a connection at once, and nothing is found outside.
import { describe, expect, it } from "vitest";
import { db, getPool, transactionConnection, withTransactionConnection } from "@/lib/db/client";
import { col, onlyRow } from "@/lib/db/row";

const txid = (rows: unknown) => onlyRow(rows, (r) => col.text(r, "txid"));

async function bothSides() {
  return withTransactionConnection(() =>
    db.$transaction(async (tx) => {
      const viaPrisma = txid(await tx.$queryRaw`SELECT txid_current()::text AS txid`);
      const client = transactionConnection();
      if (!client) return { viaPrisma, viaClient: null };
      const viaClient = txid((await client.query("SELECT txid_current()::text AS txid")).rows);
      return { viaPrisma, viaClient };
    }),
  );
}

describe("attack: the guard's decision sent on a connection outside the action's transaction", () => {
  it("the connection found inside the transaction is in that same transaction", async () => {
    const { viaPrisma, viaClient } = await bothSides();
    expect(viaClient).toBe(viaPrisma);
  });

  it("holds when far more transactions than pooled connections wait at once", async () => {
    // DATABASE_POOL_SIZE is well below 40: most transactions get a connection another one freed.
    const all = await Promise.all(Array.from({ length: 40 }, () => bothSides()));
    for (const { viaPrisma, viaClient } of all) expect(viaClient).toBe(viaPrisma);
    expect(new Set(all.map((r) => r.viaPrisma)).size).toBe(40);
  });

  it("finds nothing outside withTransactionConnection, nor once the transaction gave its connection back", async () => {
    expect(transactionConnection()).toBeNull();
    const after = await withTransactionConnection(async () => {
      await db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`);
      return transactionConnection();
    });
    expect(after).toBeNull();
  });

  it("a connection checked out and given back before the transaction does not stay in the slot", async () => {
    // The given-back connection is taken by someone else (a task started outside this
    // context) before the transaction opens, so the transaction runs on another one.
    let grab!: () => void;
    const gate = new Promise<void>((resolve) => (grab = resolve));
    const other = (async () => {
      await gate;
      return getPool().connect();
    })();
    const { viaPrisma, viaClient, held } = await withTransactionConnection(async () => {
      await db.$queryRaw`SELECT 1`; // checks a connection out and back in, in this context
      grab();
      const held = await other;
      return db.$transaction(async (tx) => {
        const viaPrisma = txid(await tx.$queryRaw`SELECT txid_current()::text AS txid`);
        const client = transactionConnection();
        return { viaPrisma, viaClient: client ? txid((await client.query("SELECT txid_current()::text AS txid")).rows) : null, held };
      });
    });
    held.release();
    expect(viaClient).toBe(viaPrisma);
  });
});
