// The auth forms' one error slot: announced (role="alert") and found by tests as form-error.
// `children` follow the message (a way on, e.g. "Ask for a new link").
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";

export function FormError({ error, children }: { error: string | null; children?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert variant="destructive" role="alert" data-testid="form-error">
      <AlertDescription>
        {error}
        {children}
      </AlertDescription>
    </Alert>
  );
}
