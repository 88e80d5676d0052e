"use client";

import * as React from "react";

/**
 * Tiny module-level toast store. Call `toast({...})` from any client component or
 * event handler; `<Toaster />` (mounted once in the root layout) renders the queue.
 */

export type ToastVariant = "default" | "destructive" | "success";

export interface ToastOptions {
  title?: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  /** Auto-dismiss delay in ms (default 5000). */
  duration?: number;
  /** Optional `<ToastAction altText="…">` element. */
  action?: React.ReactElement;
}

export interface ToasterToast extends ToastOptions {
  id: string;
  open: boolean;
}

const TOAST_LIMIT = 3;
const REMOVE_DELAY_MS = 300; // lets the exit animation finish

let toasts: ToasterToast[] = [];
let counter = 0;
const listeners = new Set<() => void>();
const EMPTY: ToasterToast[] = [];

function setToasts(next: ToasterToast[]) {
  toasts = next;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Close one toast (or all when `id` is omitted); it is removed after its exit animation. */
export function dismiss(id?: string) {
  setToasts(toasts.map((t) => (id === undefined || t.id === id ? { ...t, open: false } : t)));
  setTimeout(() => {
    setToasts(toasts.filter((t) => t.open || (id !== undefined && t.id !== id)));
  }, REMOVE_DELAY_MS);
}

/** Show a toast. Returns handles to update or dismiss it. */
export function toast(options: ToastOptions) {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const id = `toast-${counter}`;
  const next: ToasterToast = { variant: "default", ...options, id, open: true };
  setToasts([next, ...toasts].slice(0, TOAST_LIMIT));
  return {
    id,
    dismiss: () => dismiss(id),
    update: (patch: ToastOptions) => setToasts(toasts.map((t) => (t.id === id ? { ...t, ...patch } : t))),
  };
}

/** Subscribe to the toast queue (used by `<Toaster />`; also exposes `toast`/`dismiss`). */
export function useToast() {
  const list = React.useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );
  return { toasts: list, toast, dismiss };
}
