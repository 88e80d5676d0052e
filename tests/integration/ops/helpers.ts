// Shared by the ops fault tests: the CurrentSession a signed-in owner's request carries
// (the tests mock getCurrentSession with it, so a route or action runs as that person).
import type { CurrentSession } from "@/lib/auth/load-session";
import type { Role } from "@/lib/licensing/policy";

export function currentSessionOf({
  sessionId,
  user,
  org,
  role = "owner",
}: {
  sessionId: string;
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; slug: string };
  role?: Role;
}): CurrentSession {
  return {
    sid: sessionId,
    user: { id: user.id, email: user.email, name: user.name },
    org: { id: org.id, name: org.name, slug: org.slug, personal: true },
    role,
    memberships: [{ orgId: org.id, name: org.name, role, personal: true }],
  };
}

export const elapsed = async <T>(run: () => Promise<T>) => {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
};
