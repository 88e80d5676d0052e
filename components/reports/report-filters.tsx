"use client";
// Search and filter form for the whole report (figures, chart and table). Submits as a GET
// (shareable URLs); the server validates every parameter against allow-lists and refuses a
// date range that ends before it starts. The form checks the same rule first
// (lib/reports/date-range.ts), so a mistyped range shows its error here and the report on
// screen stays as it was.
import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { DATES_OUT_OF_ORDER, datesOutOfOrder } from "@/lib/reports/date-range";

export function ReportFilters({ errors: serverErrors = {} }: { errors?: Record<string, string> }) {
  const router = useRouter();
  const params = useSearchParams();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const errors = clientErrors ?? serverErrors;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string> = {};
    for (const key of ["q", "status", "from", "to"]) {
      const value = String(form.get(key) ?? "").trim();
      if (value) values[key] = value;
    }
    if (datesOutOfOrder(values)) {
      setClientErrors({ to: DATES_OUT_OF_ORDER });
      return;
    }
    setClientErrors({});
    const next = new URLSearchParams(values);
    for (const key of ["sort", "dir", "pageSize"]) {
      const value = params.get(key);
      if (value) next.set(key, value);
    }
    // Stay where the form is: the figures under it change, the page does not jump.
    router.push(`/reports?${next.toString()}`, { scroll: false });
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`report-${name}-error`} className="text-xs text-destructive" data-testid={`report-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const invalidProps = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `report-${name}-error` } : {});

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2" role="search" aria-label="Filter the report" noValidate>
      <div className="relative min-w-0 flex-1 basis-full sm:min-w-56 sm:basis-auto">
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input
          name="q"
          defaultValue={params.get("q") ?? ""}
          placeholder="Search invoice, customer, email, company"
          className="pl-8"
          aria-label="Search"
          {...invalidProps("q")}
        />
        {fieldError("q")}
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
      <div className="w-[9.5rem] sm:w-40">
        <Input type="date" name="from" defaultValue={params.get("from") ?? ""} aria-label="From" {...invalidProps("from")} />
        {fieldError("from")}
      </div>
      <div className="w-[9.5rem] sm:w-40">
        <Input type="date" name="to" defaultValue={params.get("to") ?? ""} aria-label="To" {...invalidProps("to")} />
        {fieldError("to")}
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
