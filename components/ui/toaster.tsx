"use client";

import { CircleCheck, CircleAlert } from "lucide-react";

import { Toast, ToastClose, ToastDescription, ToastProvider, ToastTitle, ToastViewport } from "@/components/ui/toast";
import { dismiss, useToast } from "@/components/ui/use-toast";

/** Mount once in the root layout. Renders toasts queued via `toast({...})`. */
export function Toaster() {
  const { toasts } = useToast();

  return (
    <ToastProvider swipeDirection="right" duration={5000}>
      {toasts.map(({ id, title, description, variant, duration, action, open }) => (
        <Toast
          key={id}
          variant={variant}
          duration={duration}
          open={open}
          onOpenChange={(next) => {
            if (!next) dismiss(id);
          }}
        >
          {variant === "success" && <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />}
          {variant === "destructive" && <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}
          <div className="grid flex-1 gap-1">
            {title ? <ToastTitle>{title}</ToastTitle> : null}
            {description ? <ToastDescription>{description}</ToastDescription> : null}
          </div>
          {action}
          <ToastClose />
        </Toast>
      ))}
      <ToastViewport />
    </ToastProvider>
  );
}
