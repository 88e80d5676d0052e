"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/auth/field";
import { toast } from "@/components/ui/use-toast";
import { changePasswordAction } from "@/app/(app)/actions";
import { useStepUp } from "@/components/step-up/step-up-provider";

export function ChangePasswordForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const { requestStepUp } = useStepUp();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { currentPassword: String(data.get("current-password") ?? ""), newPassword: String(data.get("new-password") ?? "") };
    startTransition(async () => {
      let result = await changePasswordAction(input);
      // With a factor enrolled the change is a step-up action: confirm, then retry exactly once.
      if (!result.ok && result.error.kind === "step_up_required") {
        if ((await requestStepUp(result.error)) === "cancelled") return;
        result = await changePasswordAction(input);
      }
      if (!result.ok) {
        if (result.error.kind === "invalid") setFields(result.error.fields);
        else toast({ title: "Password not changed", description: result.error.message, variant: "destructive" });
        return;
      }
      setFields({});
      form.current?.reset();
      const others = result.data.sessionsSignedOut;
      toast({
        title: "Password changed",
        description: others
          ? `Signed out ${others} other session${others === 1 ? "" : "s"}. Passkey checks will be asked again.`
          : "Passkey checks will be asked again.",
        variant: "success",
      });
      router.refresh();
    });
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="grid max-w-md gap-4" noValidate data-testid="change-password-form">
      <Field
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={fields.currentPassword}
      />
      <Field
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        placeholder="At least 10 characters"
        error={fields.newPassword}
      />
      <div>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
