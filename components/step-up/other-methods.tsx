"use client";
// "Use another method" in the step-up modal (step-up-dialog.tsx): what the action accepts
// besides the passkey on this device.
import Link from "next/link";
import { KeyRound, Smartphone } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";

/** Engineer "recovery"'s page: spend a recovery code to replace a lost factor. */
const RECOVER_PATH = "/account/recover";

/** "Use another method": what this action accepts besides the passkey on this device. */
export function OtherMethods({
  acceptsTotp,
  onCode,
  onOtherDevice,
  onBack,
  disabled,
}: {
  acceptsTotp: boolean;
  onCode: () => void;
  onOtherDevice: () => void;
  onBack: () => void;
  disabled: boolean;
}) {
  return (
    <div className="space-y-3" data-testid="step-up-other-methods">
      {acceptsTotp ? (
        <Button
          variant="outline"
          className="h-auto w-full justify-start py-2 text-left whitespace-normal"
          onClick={onCode}
          disabled={disabled}
        >
          <Smartphone aria-hidden /> Enter a code from your authenticator app
        </Button>
      ) : (
        <p className="text-sm text-muted-foreground">
          This action needs a passkey: an authenticator app code is not enough. No passkey yet?{" "}
          <Link href="/account" className="font-medium text-primary underline-offset-4 hover:underline">
            Add one on your account page
          </Link>{" "}
          (you confirm with your authenticator app there).
        </p>
      )}
      <Button
        variant="outline"
        className="h-auto w-full justify-start py-2 text-left whitespace-normal"
        onClick={onOtherDevice}
        disabled={disabled}
      >
        <KeyRound aria-hidden /> Use a passkey on another device (phone or tablet)
      </Button>
      <p className="text-sm text-muted-foreground">
        Lost your factors?{" "}
        <Link href={RECOVER_PATH} className="font-medium text-primary underline-offset-4 hover:underline">
          Use a recovery code
        </Link>{" "}
        to set up a new one.
      </p>
      <DialogFooter>
        <Button variant="ghost" onClick={onBack}>
          Back
        </Button>
      </DialogFooter>
    </div>
  );
}
