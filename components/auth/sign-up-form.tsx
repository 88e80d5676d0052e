"use client";

import { useState } from "react";
import Link from "next/link";
import { FormError } from "@/components/auth/form-error";
import { useAuthSubmit } from "@/components/auth/use-auth-submit";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/auth/field";
import { CheckInbox } from "@/components/auth/check-inbox";
import { signUpAction } from "@/app/(auth)/actions";
import { rememberNextStep } from "@/lib/funnel/next-step";

type Done = { email: string; mailReference?: string };

export function SignUpForm({ next = null }: { next?: string | null }) {
  const { fields, error, pending, run, showRefusal } = useAuthSubmit();
  const [done, setDone] = useState<Done | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    await run(async () => {
      const result = await signUpAction(input);
      if (!result.ok) return showRefusal(result.error);
      // The same answer whether or not the address already had an account: nothing signs in here.
      rememberNextStep(next);
      setDone({ email: result.data.email, mailReference: result.data.mailReference });
    });
  }

  if (done) {
    return (
      <div className="space-y-4">
        <CheckInbox email={done.email} mailReference={done.mailReference} lead="To finish, open the link we sent to" />
        <p className="text-sm text-muted-foreground">
          The link asks you to sign in with the password you just chose, then confirms your address. It works for 24 hours. No mail after a
          few minutes? Check your spam folder, or{" "}
          <Link href="/sign-in" className="font-medium text-primary hover:underline">
            sign in
          </Link>{" "}
          and send a new link from the banner.
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <FormError error={error} />
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field id="name" label="Name" autoComplete="name" error={fields.name} required />
        <Field id="email" label="Email" type="email" autoComplete="email" error={fields.email} required />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={fields.password}
          placeholder="At least 10 characters"
          required
        />
        <Button type="submit" className="w-full" loading={pending}>
          Create account
        </Button>
      </form>
    </div>
  );
}
