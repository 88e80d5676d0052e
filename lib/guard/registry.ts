// Every guarded entry point registers itself here when its module loads. The guard test
// imports every module that declares one and proves, for each action id in the policy,
// that exactly one entry point guards it and that calling it with no session is refused.
import "server-only";
import type { ActionId } from "@/lib/licensing/policy";
import type { ActionResult } from "@/lib/action-result";
import type { GuardContext } from "@/lib/guard/context";

export type GuardedEntryPoint = {
  actionId: ActionId;
  kind: "server_action" | "route";
  /** Runs the guarded pipeline with an explicit context (tests; never reachable from a request). */
  invoke: (args: { ctx: GuardContext | null; input: unknown; now?: Date }) => Promise<ActionResult<unknown>>;
};

type Registry = Map<string, GuardedEntryPoint>;
const g = globalThis as unknown as { __tiergateGuardRegistry?: Registry };
const registry: Registry = (g.__tiergateGuardRegistry ??= new Map());

/** `name` is stable per declaration, so hot reloads replace rather than duplicate. */
export function registerEntryPoint(name: string, entry: GuardedEntryPoint) {
  registry.set(name, entry);
}

export function guardedEntryPoints(): ReadonlyMap<string, GuardedEntryPoint> {
  return registry;
}
