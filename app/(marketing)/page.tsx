import type { Metadata } from "next";
import Link from "next/link";
import { BadgeCheck, Fingerprint, Layers, Radio } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Licensing tiers with passkey step-up" };

const POINTS = [
  {
    icon: Layers,
    title: "Plans decide what you may do",
    body: "Every action is tied to the feature it needs, the role it demands and the re-verification it asks for on each plan, in one place.",
  },
  {
    icon: Fingerprint,
    title: "Passkeys prove who is doing it",
    body: "Exports, admin work, API keys and billing ask for a fresh passkey check. The proof is recorded on the server, bound to your session, and expires.",
  },
  {
    icon: Radio,
    title: "Changes land everywhere at once",
    body: "Upgrade or downgrade and every open browser of your organisation updates within a second. No reloads, no stale buttons.",
  },
  {
    icon: BadgeCheck,
    title: "Same rules for your scripts",
    body: "Scripts and integrations get the same decisions as people: a sensitive call waits for a passkey approval in the browser.",
  },
];

export default function LandingPage() {
  return (
    <div>
      <section className="mx-auto max-w-4xl px-4 py-20 text-center">
        <p className="mb-4 text-sm font-medium text-primary">Licensing-tier step-up authentication</p>
        <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">
          The plan says <em className="not-italic text-primary">what</em>. The passkey proves{" "}
          <em className="not-italic text-primary">who</em>.
        </h1>
        <p className="mx-auto mt-6 max-w-2xl text-lg text-muted-foreground">
          tiergate is a working SaaS that shows how to gate high-value actions by plan, role and a fresh WebAuthn check — enforced on the
          server, tested end to end.
        </p>
        <div className="mt-8 flex justify-center gap-3">
          <Button asChild size="lg">
            <Link href="/sign-up">Create a free account</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/pricing#plans">See plans</Link>
          </Button>
        </div>
        <p className="mt-4 text-xs text-muted-foreground">
          Demo accounts: free@, pro@ and enterprise@example.com, password <code>tiergate-demo</code>.
        </p>
      </section>
      <section className="mx-auto grid max-w-5xl gap-4 px-4 pb-20 sm:grid-cols-2">
        {POINTS.map(({ icon: Icon, title, body }) => (
          <Card key={title}>
            <CardHeader className="flex-row items-center gap-3 space-y-0">
              <span className="flex size-9 items-center justify-center rounded-md bg-primary/10 text-primary">
                <Icon className="size-5" aria-hidden />
              </span>
              <CardTitle className="text-base">{title}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm text-muted-foreground">{body}</CardContent>
          </Card>
        ))}
      </section>
    </div>
  );
}
