"use client";

import { useRouter } from "next/navigation";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/auth/form-error";
import { useAuthSubmit } from "@/components/auth/use-auth-submit";
import { Field } from "@/components/auth/field";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const { fields, setFields, error, setError, pending, run } = useAuthSubmit();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setFields({ confirm: "The two passwords are not the same." });
      return;
    }
    await run(async () => {
      const result = await resetPasswordAction({ token, password });
      if (!result.ok) {
        // Only a weak password belongs beside a field; a dead link is the form's error, with a way on.
        if (result.error.kind === "invalid" && result.error.fields.password) setFields(result.error.fields);
        else setError(result.error.message);
        return;
      }
      router.push(`/sign-in?reason=password-reset&email=${encodeURIComponent(result.data.email)}`);
    });
  }

  return (
    <div className="space-y-4">
      <FormError error={error}>
        {" "}
        <Link href="/forgot-password" className="font-medium underline">
          Ask for a new link
        </Link>
      </FormError>
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        {/* For password managers: which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          id="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          placeholder="At least 10 characters"
          error={fields.password}
          required
        />
        <Field id="confirm" label="Repeat the new password" type="password" autoComplete="new-password" error={fields.confirm} required />
        <Button type="submit" className="w-full" loading={pending}>
          Set new password
        </Button>
      </form>
    </div>
  );
}
