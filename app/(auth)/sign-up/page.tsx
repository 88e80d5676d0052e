import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentSession } from "@/lib/auth/current-session";
import { checkoutOf, checkoutStep, safeNextStep } from "@/lib/funnel/next-step";
import { PLANS, TRIAL_DAYS } from "@/lib/licensing/policy";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  // The pricing page sends ?plan=&interval=, an invitation ?next=/invite/…: kept (allow-listed) across the mail round trip.
  const plan = one(params.plan);
  const next =
    plan === "pro" || plan === "enterprise"
      ? checkoutStep(plan, one(params.interval) === "year" ? "year" : "month")
      : safeNextStep(one(params.next));
  if (await getCurrentSession()) redirect(next ?? "/dashboard");
  const checkout = checkoutOf(next);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription data-testid="sign-up-promise">
          {checkout
            ? `Confirm your address and you go straight to checkout for ${PLANS[checkout.plan].name}, billed ${checkout.interval}ly, where you can start with a ${TRIAL_DAYS}-day free trial.`
            : next
              ? "Confirm your address and you come back to your invitation to accept it."
              : "You get a personal workspace on the Free plan. Upgrade any time."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <SignUpForm next={next} />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            href={next ? `/sign-in?callbackUrl=${encodeURIComponent(next)}` : "/sign-in"}
            className="font-medium text-primary hover:underline"
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
