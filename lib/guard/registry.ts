// Every guarded entry point registers here when its module loads, so tests can enumerate
// them (tests/integration/guard/every-action-guarded.test.ts): for each action id in the
// policy, that an entry point guards it and that calling it with no session is refused.
//
// An entry is keyed by its kind, its action id and its body's name ("action:members.invite:
// inviteMember"): one action id may have several entry points of one kind (inviting and
// withdrawing an invitation are both members.invite), told apart by their bodies, which are
// named functions in lib/<domain>. An anonymous body is refused at declaration. The same key
// declared from another source module is a true duplicate and throws at registration;
// declared again from the same module it replaces the entry, since that is a module evaluated
// again (a dev hot reload, or a test that resets its modules), not a second declaration.
// Only source sites (.ts/.tsx: tests, scripts) are compared: in a Next bundle the frames name
// chunks, and one module may be instantiated once per bundle layer, so there it replaces.
import "server-only";
import type { ActionId } from "@/lib/licensing/policy";
import type { ActionResult } from "@/lib/action-result";
import type { GuardContext } from "@/lib/guard/context";

export type EntryKind = "server_action" | "read" | "route";
const PREFIX: Record<EntryKind, string> = { server_action: "action", read: "read", route: "route" };

export type GuardedEntryPoint = {
  actionId: ActionId;
  kind: EntryKind;
  /** Runs the guarded pipeline with an explicit context (tests; never reachable from a request). */
  invoke: (args: { ctx: GuardContext | null; input: unknown; now?: Date }) => Promise<ActionResult<unknown>>;
};

type Registered = GuardedEntryPoint & { site: string };
type Registry = Map<string, Registered>;
const g = globalThis as unknown as { __tiergateGuardRegistry?: Registry };
const registry: Registry = (g.__tiergateGuardRegistry ??= new Map());

export function entryKey(kind: EntryKind, actionId: ActionId, bodyName: string): string {
  return `${PREFIX[kind]}:${actionId}:${bodyName}`;
}

/**
 * @param bodyName the body function's name (`body.name`)
 * @param site the declaring module (declarationSite()); equal sites replace, different ones throw
 */
export function registerEntryPoint(entry: GuardedEntryPoint & { bodyName: string; site: string }): string {
  const { bodyName, site, ...rest } = entry;
  const anonymous = !bodyName || bodyName === "anonymous";
  // Source modules (tests, scripts, the scans) must name their bodies. A production bundle
  // is never refused: its minifier may inline a named body into the call and drop the name,
  // and a registry that only tests read must not take a page down.
  if (anonymous && isSource(site)) {
    throw new Error(`A guarded ${entry.kind} for ${entry.actionId} has an anonymous body: name the function (it keys the registry).`);
  }
  const key = entryKey(entry.kind, entry.actionId, anonymous ? `anonymous@${site}#${registry.size}` : bodyName);
  const existing = registry.get(key);
  if (existing && existing.site !== site && isSource(existing.site) && isSource(site)) {
    throw new Error(`Duplicate guarded entry point ${key}: declared in ${existing.site} and again in ${site}.`);
  }
  registry.set(key, { ...rest, site });
  return key;
}

const isSource = (site: string) => /\.tsx?$/.test(site);

export function guardedEntryPoints(): ReadonlyMap<string, GuardedEntryPoint> {
  return registry;
}

/**
 * The module that called a client (guardedAction, guardedRead, guardRoute), from the stack:
 * the first frame outside lib/guard. Falls back to "unknown" where the stack says nothing
 * useful, which then behaves as one module (replace).
 */
export function declarationSite(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  for (const frame of frames) {
    const file = frame.match(/\(?((?:file:\/\/)?[^\s()]+?):\d+:\d+\)?\s*$/)?.[1];
    if (file && !/[\\/]lib[\\/]guard[\\/]/.test(file) && !file.startsWith("node:")) return file;
  }
  return "unknown";
}
