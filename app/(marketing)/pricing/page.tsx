// /pricing — the plans, straight from the policy file, with every feature per plan (marketing
// copy: it reads each plan's feature list; access hints elsewhere ask can()).
import Link from "next/link";
import { Check, Minus } from "lucide-react";
import { getCurrentSession } from "@/lib/auth/current-session";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PlanCards } from "@/components/billing/plan-cards";
import { FEATURES, PLANS, PLAN_IDS, type Feature } from "@/lib/licensing/policy";

export const metadata = { title: "Pricing — tiergate" };

export default async function PricingPage() {
  const session = await getCurrentSession();
  return (
    <div className="mx-auto max-w-6xl space-y-12 px-4 py-12">
      <div className="space-y-2 text-center">
        <h1 className="text-3xl font-semibold tracking-tight">Plans that decide what your team can do</h1>
        <p className="text-muted-foreground">Every plan protects sensitive actions with a passkey check. Higher plans unlock more.</p>
      </div>
      <PlanCards
        renderAction={(plan) => (
          <Button asChild className="w-full" variant={plan === "pro" ? "default" : "outline"}>
            <Link
              href={session ? (plan === "free" ? "/dashboard" : `/billing?upgrade=${plan}`) : `/sign-up?plan=${plan}`}
              data-testid={`pricing-cta-${plan}`}
            >
              {plan === "free" ? (session ? "Open the app" : "Start free") : `Choose ${PLANS[plan].name}`}
            </Link>
          </Button>
        )}
      />
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Feature</TableHead>
            {PLAN_IDS.map((p) => (
              <TableHead key={p} className="text-center">
                {PLANS[p].name}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {(Object.keys(FEATURES) as Feature[]).map((f) => (
            <TableRow key={f}>
              <TableCell>
                <span className="font-medium">{FEATURES[f].label}</span>
                <span className="block text-xs text-muted-foreground">{FEATURES[f].description}</span>
              </TableCell>
              {PLAN_IDS.map((p) => (
                <TableCell key={p} className="text-center">
                  {PLANS[p].features.some((included) => included === f) ? (
                    <Check className="mx-auto size-4 text-success" aria-label="Included" />
                  ) : (
                    <Minus className="mx-auto size-4 text-muted-foreground" aria-label="Not included" />
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell className="font-medium">Members</TableCell>
            {PLAN_IDS.map((p) => (
              <TableCell key={p} className="text-center">
                {PLANS[p].limits.seats ?? "Unlimited"}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </div>
  );
}
