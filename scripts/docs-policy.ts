// `npm run docs:policy`: rewrites the step-up tables of docs/step-up.md from the policy file.
import fs from "node:fs";
import path from "node:path";
import { renderInto } from "./lib/policy-tables";

const file = path.resolve(import.meta.dirname, "../docs/step-up.md");
const before = fs.readFileSync(file, "utf8");
const after = renderInto(before);
fs.writeFileSync(file, after);
process.stdout.write(before === after ? "docs/step-up.md already matches the policy\n" : "docs/step-up.md rewritten from the policy\n");
