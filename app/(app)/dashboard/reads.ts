// The overview page's guarded read (license.view): declarations only.
// Quiet: it is the landing page after every sign-in and org switch, so an allowed row per visit
// would only echo the sign-in and the switch, which are audited themselves. Refusals (a member
// sent to the SSO of an org that requires it, a removed membership) are still audited.
import "server-only";
import { z } from "zod";
import { guardedRead } from "@/lib/guard/guarded-read";
import { viewOverview } from "@/lib/orgs/view-overview";

export const overviewRead = guardedRead("license.view", z.object({}).strict(), viewOverview, {
  quiet: "the landing page; the sign-in and the org switch that lead here are audited",
});
