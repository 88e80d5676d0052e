// The auth forms' one error slot: announced (role="alert") and found by tests as form-error.
import { Alert, AlertDescription } from "@/components/ui/alert";

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Alert variant="destructive" role="alert" data-testid="form-error">
      <AlertDescription>{error}</AlertDescription>
    </Alert>
  );
}
