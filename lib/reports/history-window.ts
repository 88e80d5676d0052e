// How far back an org may look: the plan's `reportHistoryDays` (free: 90), or all of it.
import type { License } from "@/lib/licensing/get-license";

export function historyStart({ license, now }: { license: Pick<License, "limits">; now: Date }): Date | null {
  const days = license.limits.reportHistoryDays;
  return days === null ? null : new Date(now.getTime() - days * 86_400_000);
}
