// The entry-point registry: keyed by kind + action id + body name, an anonymous body refused,
// a true duplicate (the same key from another module) refused loudly, and a module evaluated
// again (hot reload, a test resetting modules) replacing its own entries.
import { describe, expect, it } from "vitest";
import { declarationSite, entryKey, guardedEntryPoints, registerEntryPoint } from "@/lib/guard/registry";
import { refuse } from "@/lib/action-result";

const invoke = async () => refuse({ kind: "error", message: "not called" });
const entry = (bodyName: string, site: string) =>
  ({ actionId: "reports.view", kind: "read", bodyName, site, invoke }) as const satisfies Parameters<typeof registerEntryPoint>[0];

describe("entry-point registry", () => {
  it("keys an entry by kind, action id and body name", () => {
    expect(registerEntryPoint(entry("registryKeyed", "/src/app/a/reads.ts"))).toBe("read:reports.view:registryKeyed");
    expect(entryKey("server_action", "members.invite", "inviteMember")).toBe("action:members.invite:inviteMember");
    expect(guardedEntryPoints().get("read:reports.view:registryKeyed")?.actionId).toBe("reports.view");
  });

  it("refuses an anonymous body, which could not be told apart from another", () => {
    expect(() => registerEntryPoint(entry("", "/src/app/a/reads.ts"))).toThrow(/anonymous body/);
  });

  it("never refuses a production bundle, whose minifier may inline a body and drop its name", () => {
    const site = "/app/.next/server/chunks/ssr/minified.js";
    const a = registerEntryPoint(entry("", site));
    const b = registerEntryPoint(entry("", site));
    expect(a).not.toBe(b);
    expect(guardedEntryPoints().get(a)?.actionId).toBe("reports.view");
  });

  it("throws on a true duplicate: the same key declared from another module", () => {
    registerEntryPoint(entry("registryTwice", "/src/app/a/reads.ts"));
    expect(() => registerEntryPoint(entry("registryTwice", "/src/app/b/reads.ts"))).toThrow(
      /Duplicate guarded entry point read:reports\.view:registryTwice: declared in \/src\/app\/a\/reads\.ts and again in \/src\/app\/b\/reads\.ts/,
    );
  });

  it("replaces the entry when the same module declares it again (hot reload)", () => {
    const first = registerEntryPoint(entry("registryReloaded", "/src/app/a/reads.ts"));
    const reloaded = { ...entry("registryReloaded", "/src/app/a/reads.ts"), invoke: async () => refuse({ kind: "error", message: "v2" }) };
    registerEntryPoint(reloaded);
    expect(guardedEntryPoints().get(first)?.invoke).toBe(reloaded.invoke);
  });

  it("replaces in bundled code, where one module may load once per bundle layer", () => {
    registerEntryPoint(entry("registryBundled", "/app/.next/server/chunks/ssr/a.js"));
    expect(() => registerEntryPoint(entry("registryBundled", "/app/.next/server/chunks/rsc/b.js"))).not.toThrow();
  });

  it("names the declaring module: the first frame outside lib/guard", () => {
    expect(declarationSite()).toMatch(/tests\/unit\/guard\/registry\.test\.ts$/);
  });
});
