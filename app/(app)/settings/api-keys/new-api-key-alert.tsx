"use client";
// The key just created, in clear this once (it is stored hashed), with a copy button.
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { toast } from "@/components/ui/use-toast";

export function NewApiKeyAlert({ created }: { created: { name: string; key: string } }) {
  return (
    <Alert role="status" data-testid="new-api-key">
      <AlertDescription className="space-y-2">
        <p>
          Copy the key for “{created.name}” now. For your safety it is stored hashed and <strong>will not be shown again</strong>.
        </p>
        <div className="flex items-center gap-2">
          <code className="break-all rounded bg-muted px-2 py-1 text-xs">{created.key}</code>
          <Button
            size="sm"
            variant="outline"
            onClick={() => navigator.clipboard.writeText(created.key).then(() => toast({ title: "Copied" }))}
          >
            <Copy aria-hidden /> Copy
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
