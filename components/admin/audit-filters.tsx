"use client";
// Audit log filters. They only build the URL; the server validates every parameter
// against its allow-list (lib/admin/schemas.ts) before anything is queried.
import { useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Filter, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@/components/ui/select";

export type AuditFilterValues = { actor: string; action: string; decision: string; from: string; to: string; pageSize: string };
const ALL = "__all";

// long: one filter form whose fields are kept in one URL query state; splitting would thread setters through every field
export function AuditFilters({
  initial,
  actions,
  events,
  decisions,
  pageSizes,
}: {
  initial: AuditFilterValues;
  actions: { id: string; label: string }[];
  events: string[];
  decisions: readonly string[];
  pageSizes: readonly number[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [values, setValues] = useState(initial);
  const set = (key: keyof AuditFilterValues) => (v: string) => setValues((prev) => ({ ...prev, [key]: v === ALL ? "" : v }));

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
    router.push(`${pathname}?${params.toString()}`);
  }

  return (
    <form onSubmit={apply} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.4fr_1.4fr_1fr_1fr_1fr_auto]" data-testid="audit-filters">
      <div className="grid gap-1.5">
        <Label htmlFor="audit-actor">Actor</Label>
        <Input
          id="audit-actor"
          type="email"
          placeholder="someone@company.com"
          value={values.actor}
          onChange={(e) => set("actor")(e.target.value)}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Select value={values.action || ALL} onValueChange={set("action")}>
          <SelectTrigger id="audit-action" data-testid="audit-action">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All actions</SelectItem>
            <SelectGroup>
              <SelectLabel>Guarded actions</SelectLabel>
              {actions.map((a) => (
                <SelectItem key={a.id} value={a.id}>
                  {a.label}
                </SelectItem>
              ))}
            </SelectGroup>
            {events.length > 0 ? (
              <SelectGroup>
                <SelectLabel>Step-up and account events</SelectLabel>
                {events.map((e) => (
                  <SelectItem key={e} value={e}>
                    {e}
                  </SelectItem>
                ))}
              </SelectGroup>
            ) : null}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-decision">Decision</Label>
        <Select value={values.decision || ALL} onValueChange={set("decision")}>
          <SelectTrigger id="audit-decision">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any decision</SelectItem>
            {decisions.map((d) => (
              <SelectItem key={d} value={d} className="capitalize">
                {d}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" type="date" value={values.from} onChange={(e) => set("from")(e.target.value)} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" type="date" value={values.to} onChange={(e) => set("to")(e.target.value)} />
      </div>
      <div className="flex items-end gap-2">
        <Select value={values.pageSize} onValueChange={set("pageSize")}>
          <SelectTrigger className="w-20" aria-label="Rows per page">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {pageSizes.map((n) => (
              <SelectItem key={n} value={String(n)}>
                {n}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button type="submit">
          <Filter aria-hidden /> Apply
        </Button>
        <Button type="button" variant="ghost" size="icon" aria-label="Clear filters" onClick={() => router.push(pathname)}>
          <X aria-hidden />
        </Button>
      </div>
    </form>
  );
}
