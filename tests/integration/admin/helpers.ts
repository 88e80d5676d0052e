// Admin console test setup: an enterprise org whose members hold real passkeys and a fresh
// strict step-up grant (through the real ceremony), and a way to call the console's
// guarded entry points with an explicit session context.
import { vi } from "vitest";
import { guardedEntryPoints } from "@/lib/guard/registry";
import type { GuardContext } from "@/lib/guard/context";
import type { PlanId, Role } from "@/lib/licensing/policy";
import { addMember, createSession, createUserWithOrg } from "@/tests/helpers/factories";
import { registerPasskey, stepUp } from "@/tests/helpers/step-up";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

export async function loadEntryPoints() {
  await import("@/app/(app)/admin/actions");
  await import("@/app/api/admin/audit/route");
  await import("@/app/api/admin/audit/export/route");
  await import("@/app/api/admin/members/route");
}

export function entry(name: string) {
  const e = guardedEntryPoints().get(name);
  if (!e) throw new Error(`no entry point ${name}`);
  return (ctx: GuardContext | null, input: unknown, now?: Date) => e.invoke({ ctx, input, now });
}

export type Person = { userId: string; email: string; sid: string; ctx: GuardContext };

async function person({
  userId,
  email,
  orgId,
  verified,
}: {
  userId: string;
  email: string;
  orgId: string;
  verified: boolean;
}): Promise<Person> {
  const session = await createSession({ userId, orgId });
  if (verified) {
    const authenticator = new SoftAuthenticator();
    await registerPasskey({ userId, sessionId: session.id, orgId, authenticator });
    const result = await stepUp({ userId, sessionId: session.id, orgId, authenticator, actionId: "admin.view" });
    if (!result.ok) throw new Error(`step-up failed: ${result.kind}`);
  }
  return { userId, email, sid: session.id, ctx: { kind: "session", sid: session.id, userId, email, orgId } };
}

/** An org on `plan` whose owner has stepped up; add more people with `join`. */
export async function orgWithOwner({ plan = "enterprise" as PlanId, verified = true } = {}) {
  const { user, org } = await createUserWithOrg({ plan });
  const owner = await person({ userId: user.id, email: user.email, orgId: org.id, verified });
  const join = async (role: Role, { verified: v = true } = {}) => {
    const u = await addMember({ orgId: org.id, role });
    return person({ userId: u.id, email: u.email, orgId: org.id, verified: v });
  };
  return { org, owner, join };
}
