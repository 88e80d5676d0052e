"use client";
// Per-action step-up presets and accepted factors. Only tightenings of the plan's rule are
// offered (and only those are accepted by the server); saving is itself a strict step-up
// action for owners.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useGuardedAction } from "@/components/step-up/use-guarded-action";
import { updateSecurityPolicyAction } from "@/app/(app)/admin/actions";
import { reportOutcome } from "@/components/admin/notify";

export type PolicyRowView = {
  actionId: string;
  label: string;
  feature: string | null;
  planDefaultLabel: string;
  choices: { preset: string; label: string }[];
  current: string;
  factorsDefaultLabel: string;
  factorChoices: { factors: string; label: string }[];
  factorsCurrent: string;
};
const DEFAULT = "default";

// long: one form over one policy object: every field edits the same draft and is saved in one action
export function SecurityPolicyForm({ rows, canEdit }: { rows: PolicyRowView[]; canEdit: boolean }) {
  const router = useRouter();
  const save = useGuardedAction(updateSecurityPolicyAction, { actionId: "security.updatePolicy" });
  const initial = Object.fromEntries(rows.map((r) => [r.actionId, r.current]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const initialFactors = Object.fromEntries(rows.map((r) => [r.actionId, r.factorsCurrent]));
  const [factors, setFactors] = useState<Record<string, string>>(initialFactors);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = rows.some((r) => values[r.actionId] !== r.current || factors[r.actionId] !== r.factorsCurrent);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    const outcome = await save.run({
      overrides: values as Record<string, "strict" | "moderate" | "lax" | "once" | "default">,
      factors: factors as Record<string, "any_factor" | "phishing_resistant" | "default">,
    });
    if (!outcome.ok && outcome.error.kind === "invalid") setErrors(outcome.error.fields);
    if (reportOutcome(outcome, "Policy not saved")) {
      const n = outcome.data.changed.length;
      toast({
        title: "Security policy saved",
        description: n === 0 ? "Nothing changed." : `${n} ${n === 1 ? "action" : "actions"} updated; it applies from the next request.`,
        variant: "success",
      });
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="security-policy-form">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Action</TableHead>
            <TableHead>Plan default</TableHead>
            <TableHead className="w-72">Your organisation</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.actionId}>
              <TableCell>
                <div className="font-medium">{r.label}</div>
                <div className="font-mono text-xs text-muted-foreground">{r.actionId}</div>
              </TableCell>
              <TableCell>
                <Badge variant="outline">{r.planDefaultLabel}</Badge>
              </TableCell>
              <TableCell>
                {r.choices.length === 0 ? (
                  <span className="text-sm text-muted-foreground">Already the strictest level</span>
                ) : (
                  <div className="space-y-1">
                    <Select
                      value={values[r.actionId] ?? DEFAULT}
                      onValueChange={(v) => setValues((prev) => ({ ...prev, [r.actionId]: v }))}
                      disabled={!canEdit || save.pending}
                    >
                      <SelectTrigger
                        aria-label={`Step-up for ${r.label}`}
                        aria-invalid={errors[r.actionId] ? true : undefined}
                        data-testid={`policy-${r.actionId}`}
                      >
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={DEFAULT}>Plan default · {r.planDefaultLabel}</SelectItem>
                        {r.choices.map((c) => (
                          <SelectItem key={c.preset} value={c.preset}>
                            {c.label}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    {errors[r.actionId] ? <p className="text-xs text-destructive">{errors[r.actionId]}</p> : null}
                  </div>
                )}
                {/* Which factors: only narrower sets than the plan's are offered (and accepted). */}
                <div className="mt-2 space-y-1">
                  {r.factorChoices.length === 0 ? (
                    <span className="text-xs text-muted-foreground">{r.factorsDefaultLabel}</span>
                  ) : (
                    <Select
                      value={factors[r.actionId] ?? DEFAULT}
                      onValueChange={(v) => setFactors((prev) => ({ ...prev, [r.actionId]: v }))}
                      disabled={!canEdit || save.pending}
                    >
                      <SelectTrigger
                        aria-label={`Factors accepted for ${r.label}`}
                        aria-invalid={errors[`factors.${r.actionId}`] ? true : undefined}
                        data-testid={`policy-factors-${r.actionId}`}
                      >
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={DEFAULT}>Plan default · {r.factorsDefaultLabel}</SelectItem>
                        {r.factorChoices.map((c) => (
                          <SelectItem key={c.factors} value={c.factors}>
                            {c.label}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                  {errors[`factors.${r.actionId}`] ? <p className="text-xs text-destructive">{errors[`factors.${r.actionId}`]}</p> : null}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {canEdit ? (
        <div className="flex justify-end gap-2">
          <Button
            type="button"
            variant="outline"
            disabled={!dirty || save.pending}
            onClick={() => {
              setValues(initial);
              setFactors(initialFactors);
            }}
          >
            Reset
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.pending}>
            Save policy
          </Button>
        </div>
      ) : null}
    </form>
  );
}
