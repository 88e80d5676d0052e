// The columns every session table shows (your own on the account page, every member's in
// the admin console): device, IP address, signed in, last seen.
import { Monitor } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableHead } from "@/components/ui/table";
import { describeUserAgent } from "@/components/account/describe-user-agent";

export type SessionFacts = { userAgent: string; ip: string; createdAt: string; lastSeenAt: string };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function SessionHeads() {
  return (
    <>
      <TableHead>Device</TableHead>
      <TableHead>IP address</TableHead>
      <TableHead>Signed in</TableHead>
      <TableHead>Last seen</TableHead>
    </>
  );
}

export function SessionCells({ session, current }: { session: SessionFacts; current: boolean }) {
  return (
    <>
      <TableCell>
        <div className="flex items-center gap-2">
          <Monitor className="size-4 text-muted-foreground" aria-hidden />
          <span>{describeUserAgent(session.userAgent)}</span>
          {current ? <Badge variant="secondary">This browser</Badge> : null}
        </div>
      </TableCell>
      <TableCell className="font-mono text-xs">{session.ip || "—"}</TableCell>
      <TableCell className="text-muted-foreground">{when.format(new Date(session.createdAt))}</TableCell>
      <TableCell className="text-muted-foreground">{when.format(new Date(session.lastSeenAt))}</TableCell>
    </>
  );
}
