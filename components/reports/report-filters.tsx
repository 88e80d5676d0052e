"use client";
// Search and filter form. Submits as a GET (shareable URLs); the server validates every
// parameter against allow-lists.
import { useRouter, useSearchParams } from "next/navigation";
import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";

export function ReportFilters() {
  const router = useRouter();
  const params = useSearchParams();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["q", "status", "from", "to"]) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    for (const key of ["sort", "dir", "pageSize"]) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    router.push(`/reports?${next.toString()}`);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" role="search">
      <div className="relative min-w-56 flex-1">
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          name="q"
          defaultValue={params.get("q") ?? ""}
          placeholder="Search invoice, customer, email, company"
          className="pl-8"
          aria-label="Search"
        />
      </div>
      <select
        name="status"
        defaultValue={params.get("status") ?? ""}
        aria-label="Status"
        className="h-9 rounded-md border border-input bg-background px-2 text-sm"
      >
        <option value="">Any status</option>
        <option value="paid">Paid</option>
        <option value="open">Open</option>
        <option value="void">Void</option>
      </select>
      <Input type="date" name="from" defaultValue={params.get("from") ?? ""} aria-label="From" className="w-40" />
      <Input type="date" name="to" defaultValue={params.get("to") ?? ""} aria-label="To" className="w-40" />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
