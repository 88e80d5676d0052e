// The step-up modal's state and every way it moves, as one pure reducer: which step shows
// (the passkey prompt, the password before a first passkey, the other methods, the code),
// the error in view, and the lockout. use-step-up-ceremony.ts runs the requests and says
// here what each answer does; nothing else changes this state.
import type { StepUpRefusal } from "@/components/step-up/step-up-provider";

export type Phase = "intro" | "verifying" | "password" | "enrolling" | "other" | "code";

export type Ceremony = {
  /** The refusal being answered; null while the modal is closed. */
  refusal: StepUpRefusal | null;
  phase: Phase;
  error: string | null;
  /** A lockout answer disables every way on until the modal opens again or a later answer lifts it. */
  locked: boolean;
  /** Typed to add a first passkey; forgotten as soon as it has been used or the modal closes. */
  password: string;
};

export const NO_CEREMONY: Ceremony = { refusal: null, phase: "intro", error: null, locked: false, password: "" };

export type CeremonyEvent =
  /** A refusal opens the modal at the passkey prompt, without an error or a lockout. */
  | { type: "open"; refusal: StepUpRefusal }
  /** Verified or cancelled: the modal closes and the password is forgotten. */
  | { type: "close" }
  /** A step the person or the ceremony moves to, the error in view kept. */
  | { type: "show"; phase: Phase }
  | { type: "password"; password: string }
  /** A fresh try (a request starts, the code form opens): the error in view goes; the step moves when `phase` is given. */
  | { type: "begin"; phase?: Phase }
  /** A try failed: its message shows; `locked` is set when the answer speaks to the lockout, and the step moves when `phase` is given. */
  | { type: "failed"; message: string; locked?: boolean; phase?: Phase };

export function ceremonyReducer(state: Ceremony, event: CeremonyEvent): Ceremony {
  switch (event.type) {
    case "open":
      return { ...state, refusal: event.refusal, phase: "intro", error: null, locked: false };
    case "close":
      return { ...state, refusal: null, password: "" };
    case "show":
      return { ...state, phase: event.phase };
    case "password":
      return { ...state, password: event.password };
    case "begin":
      return { ...state, error: null, phase: event.phase ?? state.phase };
    case "failed":
      return { ...state, error: event.message, locked: event.locked ?? state.locked, phase: event.phase ?? state.phase };
  }
}
