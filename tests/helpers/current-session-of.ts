// The CurrentSession a signed-in owner's browser would have, for tests that simulate the
// browser at the edge (a vi.mock of getCurrentSession); everything behind it stays real.
import type { CurrentSession } from "@/lib/auth/load-session";

export type SignedInAccount = {
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; slug: string };
  session: { id: string };
};

export function currentSessionOf({ user, org, session }: SignedInAccount): CurrentSession {
  return {
    sid: session.id,
    user: { id: user.id, email: user.email, name: user.name },
    org: { id: org.id, name: org.name, slug: org.slug, personal: true },
    role: "owner",
    memberships: [{ orgId: org.id, name: org.name, role: "owner", personal: true }],
  };
}
