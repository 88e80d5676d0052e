"use client";
// The console's strict step-up on entry: someone clicked "Admin console", so the passkey
// check opens by itself; cancel leaves a card with a button to try again. Success re-runs
// the server components (router.refresh), which now find a fresh grant.
import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useStepUp, type StepUpRefusal } from "@/components/step-up/step-up-provider";

export function StepUpEntry({ refusal }: { refusal: StepUpRefusal }) {
  const router = useRouter();
  const { requestStepUp } = useStepUp();
  const [state, setState] = useState<"asking" | "cancelled" | "verified">("asking");
  const asked = useRef(false);

  const ask = useCallback(async () => {
    setState("asking");
    const outcome = await requestStepUp(refusal);
    if (outcome === "verified") {
      setState("verified");
      router.refresh();
    } else setState("cancelled");
  }, [refusal, requestStepUp, router]);

  useEffect(() => {
    if (asked.current) return; // once per mount (StrictMode mounts twice in dev)
    asked.current = true;
    void ask();
  }, [ask]);

  return (
    <Card className="mx-auto max-w-lg" data-testid="admin-step-up">
      <CardHeader className="items-center text-center">
        <div className="mb-2 flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
          <ShieldCheck className="size-6" aria-hidden />
        </div>
        <CardTitle>Confirm it&apos;s you to open the admin console</CardTitle>
        <CardDescription>
          {refusal.message} A verified passkey check keeps the console open for {Math.round(refusal.maxAge / 60)} minutes.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex justify-center">
        <Button onClick={() => void ask()} loading={state !== "cancelled"} data-testid="admin-step-up-retry">
          <KeyRound aria-hidden />{" "}
          {state === "cancelled" ? "Verify with passkey" : state === "verified" ? "Opening…" : "Waiting for your passkey…"}
        </Button>
      </CardContent>
    </Card>
  );
}
