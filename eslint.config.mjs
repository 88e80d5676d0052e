// ESLint (flat config): Next's core-web-vitals rules (React, react-hooks, Next) and its
// TypeScript rules (typescript-eslint). `npm test` runs it first with --max-warnings=0, so
// the tree stays at zero warnings; a disable comment needs a reason beside it.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      "lib/generated/**",
      "next-env.d.ts",
      ".data/**",
      ".e2e-data/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      ".test-data/**",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { omitted: _x, ...rest } = v` is how a field is dropped from an object.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // Playwright fixtures receive a function named `use`, which is not React's hook.
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The lint launcher is CommonJS on purpose: it patches require() before ESLint loads.
    files: ["scripts/lint.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];

export default config;
