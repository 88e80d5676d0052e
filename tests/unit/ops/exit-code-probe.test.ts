// A test that fails on purpose, but only when tests/unit/ops/suite-exit-code.test.ts runs it
// in a vitest of its own (skipped in every normal run).
import { expect, it } from "vitest";

it.skipIf(!process.env.TIERGATE_EXIT_CODE_PROBE)("fails on purpose", () => {
  expect(1).toBe(2);
});
