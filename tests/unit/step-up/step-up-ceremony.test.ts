// The step-up modal's moves (components/step-up/step-up-ceremony.ts), the ones a person
// would notice going wrong: a lockout holds until an answer lifts it or the modal reopens,
// a failure without a step keeps the step, and closing forgets the password.
import { describe, expect, it } from "vitest";
import { ceremonyReducer, NO_CEREMONY, type Ceremony, type CeremonyEvent } from "@/components/step-up/step-up-ceremony";
import type { StepUpRefusal } from "@/components/step-up/step-up-provider";

const refusal: StepUpRefusal = {
  kind: "step_up_required",
  actionId: "apiKeys.create",
  level: "moderate",
  maxAge: 3600,
  methods: ["passkey"],
  minStrength: "phishing_resistant",
  message: "Creating an API key needs a passkey check.",
};
const run = (events: CeremonyEvent[], from: Ceremony = NO_CEREMONY) => events.reduce(ceremonyReducer, from);

describe("ceremonyReducer", () => {
  it("opens at the passkey prompt, without the last ceremony's error or lockout", () => {
    const stale: Ceremony = { ...NO_CEREMONY, phase: "code", error: "Too many attempts.", locked: true };
    expect(run([{ type: "open", refusal }], stale)).toEqual({ ...NO_CEREMONY, refusal });
  });

  it("a lockout holds through failures that do not speak to it, and the next answer that does lifts it", () => {
    const locked = run([
      { type: "open", refusal },
      { type: "failed", message: "Too many attempts.", locked: true, phase: "intro" },
    ]);
    expect(locked).toMatchObject({ locked: true, error: "Too many attempts.", phase: "intro" });
    expect(run([{ type: "failed", message: "Enter your password." }], locked)).toMatchObject({ locked: true, phase: "intro" });
    expect(run([{ type: "failed", message: "Try again.", locked: false }], locked)).toMatchObject({ locked: false, error: "Try again." });
  });

  it("a fresh try clears the error and moves only when told where", () => {
    const failed = run([
      { type: "open", refusal },
      { type: "show", phase: "code" },
      { type: "failed", message: "Wrong code." },
    ]);
    expect(failed).toMatchObject({ phase: "code", error: "Wrong code." });
    expect(run([{ type: "begin" }], failed)).toMatchObject({ phase: "code", error: null });
    expect(run([{ type: "begin", phase: "verifying" }], failed)).toMatchObject({ phase: "verifying", error: null });
    expect(run([{ type: "show", phase: "other" }], failed)).toMatchObject({ phase: "other", error: "Wrong code." });
  });

  it("closing forgets the refusal and the password and keeps the step (the next open resets it)", () => {
    const typed = run([
      { type: "open", refusal },
      { type: "show", phase: "password" },
      { type: "password", password: "hunter22" },
    ]);
    expect(run([{ type: "close" }], typed)).toEqual({ ...typed, refusal: null, password: "" });
  });
});
