// One page of audit events. Decisions are colour-coded; details show the fields a reader
// needs (kind of refusal, stage, level) without dumping raw JSON.
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEventRow } from "@/lib/admin/query-audit-events";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const TONE: Record<string, BadgeProps["variant"]> = {
  allowed: "success",
  succeeded: "success",
  created: "success",
  refused: "warning",
  failed: "destructive",
  locked: "destructive",
  revoked: "secondary",
};

function summary(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  const d = detail as Record<string, unknown>;
  const parts = [d.kind, d.stage, d.reason, d.level && `level ${d.level}`, d.role && `role ${d.role}`]
    .filter((p): p is string => typeof p === "string" && p.length > 0)
    .map((p) => p.replace(/_/g, " "));
  return parts.join(" · ");
}

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <Table data-testid="audit-table" className="min-w-[52rem]">
      <TableHeader>
        <TableRow>
          <TableHead>Time (UTC)</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Decision</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id} data-testid="audit-row" data-action={e.action} data-decision={e.decision}>
            <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(e.createdAt)}</TableCell>
            <TableCell className="max-w-56" data-testid="audit-actor">
              <span className="line-clamp-2 break-words">{e.actorLabel}</span>
            </TableCell>
            <TableCell className="font-medium" data-testid="audit-action">
              {e.actionLabel}
            </TableCell>
            <TableCell className="max-w-56 text-muted-foreground" data-testid="audit-target">
              {e.target || "—"}
            </TableCell>
            <TableCell>
              <Badge variant={TONE[e.decision] ?? "outline"}>{e.decisionLabel}</Badge>
              {e.method ? <span className="ml-2 text-xs text-muted-foreground">{e.method}</span> : null}
            </TableCell>
            <TableCell className="max-w-64 truncate text-xs text-muted-foreground">{summary(e.detail) || "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
