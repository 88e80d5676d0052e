"use client";
// Recovery codes, shown the one time they exist in clear: copy them, download them as a
// .txt, and say you saved them. Closing without saving asks once more (they cannot be
// shown again; a new set needs a passkey check). Used after the first factor is enrolled
// and after Regenerate; the step-up modal's enrolment can show it too (engineer "factors").
import { useState } from "react";
import { Copy, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";

function download(codes: string[]) {
  const text = [
    "tiergate recovery codes",
    `Saved ${new Date().toISOString().slice(0, 10)}. Each code works once, only to replace a lost passkey or authenticator app.`,
    "",
    ...codes,
    "",
  ].join("\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: "tiergate-recovery-codes.txt" });
  a.click();
  URL.revokeObjectURL(url);
}

export function RecoveryCodesReveal({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setSaved(true);
      toast({ title: "Recovery codes copied", description: "Paste them into your password manager.", variant: "success" });
    } catch {
      toast({ title: "Could not copy", description: "Select the codes and copy them, or download them.", variant: "destructive" });
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && (saved || confirm("These codes will not be shown again. Close anyway?")) && onDone()}>
      <DialogContent data-testid="recovery-codes-reveal">
        <DialogHeader>
          <DialogTitle>Save your recovery codes</DialogTitle>
          <DialogDescription>
            If you lose your passkey, one of these codes lets you add a new one. Each works once. Keep them somewhere safe, away from this
            device: they are shown only now.
          </DialogDescription>
        </DialogHeader>
        <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg border bg-muted/40 p-4 font-mono text-sm" aria-label="Recovery codes">
          {codes.map((code) => (
            <li key={code} data-testid="recovery-code">
              {code}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="outline" onClick={copy}>
            <Copy aria-hidden /> Copy
          </Button>
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              download(codes);
              setSaved(true);
            }}
          >
            <Download aria-hidden /> Download .txt
          </Button>
        </div>
        <DialogFooter>
          <Button type="button" onClick={onDone} disabled={!saved} data-testid="recovery-codes-saved">
            {saved ? "I have saved them" : "Copy or download them first"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
