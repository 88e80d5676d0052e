// The step-up tables of docs/step-up.md, rendered from the policy file so the page cannot
// drift from it: `npm run docs:policy` rewrites them between their markers, and
// tests/unit/docs/step-up-policy-table.test.ts fails when the page differs from this output.
import {
  ACTIONS,
  ACTION_IDS,
  FACTOR_SETS,
  FEATURES,
  METHODS,
  PLAN_IDS,
  STEP_UP_METHODS,
  STEP_UP_PRESETS,
  ruleFactors,
  ruleMaxAge,
  rulePreset,
  stepUpRuleOn,
  type ActionId,
  type PlanId,
} from "@/lib/licensing/policy";

export const MARKERS = {
  actions: ["<!-- policy:actions:start -->", "<!-- policy:actions:end -->"],
  methods: ["<!-- policy:methods:start -->", "<!-- policy:methods:end -->"],
} as const;

const FACTOR_WORDS = { any_factor: "any factor", phishing_resistant: "phishing-resistant" } as const;

function cell(actionId: ActionId, plan: PlanId): string {
  const rule = stepUpRuleOn(actionId, plan);
  if (rule === null) return "— (not on plan)";
  if (ruleMaxAge(rule) === null) return "none";
  const preset = rulePreset(rule);
  const age = preset === "custom" ? `${ruleMaxAge(rule)} s` : preset;
  return `${age} · ${FACTOR_WORDS[ruleFactors(rule)]}`;
}

export function actionTable(): string {
  const rows = ACTION_IDS.map((id) => {
    const a = ACTIONS[id];
    const feature = a.feature ? FEATURES[a.feature].label : "—";
    return `| \`${id}\` ${a.label} | ${feature} | ${a.minRole} | ${PLAN_IDS.map((p) => cell(id, p)).join(" | ")} |`;
  });
  return ["| Action | Feature | Min role | Free | Pro | Enterprise |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

export function methodTables(): string {
  const methods = STEP_UP_METHODS.map((m) => {
    const strength = METHODS[m].strength;
    return `| \`${m}\` | ${METHODS[m].label} | ${strength === "acr" ? "per grant, from the connection's acr mapping" : strength} |`;
  });
  const sets = Object.entries(FACTOR_SETS).map(
    ([id, set]) =>
      `| ${FACTOR_WORDS[id as keyof typeof FACTOR_WORDS]} (\`${id}\`) | ${set.methods.map((m) => `\`${m}\``).join(", ")} | ${set.minStrength} |`,
  );
  const presets = Object.entries(STEP_UP_PRESETS).map(([id, p]) => `| ${id} | ${p.label} |`);
  return [
    "| Method | Offered as | Strength |",
    "|---|---|---|",
    ...methods,
    "",
    "| Factor set | Methods | Least strength |",
    "|---|---|---|",
    ...sets,
    "",
    "| Preset | Max age |",
    "|---|---|",
    ...presets,
  ].join("\n");
}

/** `page` with each marked block replaced by what the policy renders now. */
export function renderInto(page: string): string {
  let out = page;
  for (const [name, body] of [
    ["actions", actionTable()],
    ["methods", methodTables()],
  ] as const) {
    const [start, end] = MARKERS[name];
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/step-up.md lacks the ${start} … ${end} markers`);
    out = `${out.slice(0, from + start.length)}\n${body}\n${out.slice(to)}`;
  }
  return out;
}
