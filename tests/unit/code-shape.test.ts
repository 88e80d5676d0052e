// Size rules of issue 16, checked rather than remembered: a file under lib/ stays within
// MAX_FILE_LINES, and a function (declaration, expression, arrow, method, accessor,
// constructor) anywhere in the app's source stays within MAX_FUNCTION_LINES — unless the
// comment line directly above it starts with `// long:` and says why it is one piece.
// Parsing only (no type checker), so the whole tree takes well under a second.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { API } from "typescript/unstable/sync";
import type { Node, SourceFile } from "typescript/unstable/ast";
import * as is from "typescript/unstable/ast/is";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
const FUNCTION_DIRS = ["lib", "app", "components", "server", "scripts"];
// A reason is words after the marker, not the marker alone. Inside JSX, where `//` cannot
// stand, the same line is written `{/* long: … */}`.
const LONG_REASON = /^\s*(\/\/|\{\/\*) long:\s*\S.{8,}/;

const rel = (file: string) => path.relative(ROOT, file);

function lineCount(text: string): number {
  return text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
}

type LongFunction = { where: string; name: string; lines: number };

const isFunctionWithBody = (node: Node): boolean =>
  (is.isFunctionDeclaration(node) ||
    is.isFunctionExpression(node) ||
    is.isArrowFunction(node) ||
    is.isMethodDeclaration(node) ||
    is.isConstructorDeclaration(node) ||
    is.isGetAccessorDeclaration(node) ||
    is.isSetAccessorDeclaration(node)) &&
  Boolean((node as Node & { body?: Node }).body);

function functionName(node: Node, source: SourceFile): string {
  const named = node as Node & { name?: Node };
  if (named.name && is.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && is.isVariableDeclaration(parent) && is.isIdentifier(parent.name)) return parent.name.text;
  if (parent && is.isPropertyAssignment(parent) && is.isIdentifier(parent.name)) return parent.name.text;
  if (parent && is.isCallExpression(parent)) return `(argument of ${parent.expression.getText(source).slice(0, 40)})`;
  return "(anonymous)";
}

/** The statement a function stands in, whose leading line carries the `// long:` reason. */
function annotatedNode(node: Node): Node {
  let current: Node = node;
  while (
    current.parent &&
    (is.isVariableDeclaration(current.parent) ||
      is.isVariableDeclarationList(current.parent) ||
      is.isVariableStatement(current.parent) ||
      is.isPropertyAssignment(current.parent) ||
      is.isExportAssignment(current.parent) ||
      is.isCallExpression(current.parent) ||
      is.isParenthesizedExpression(current.parent) ||
      is.isAsExpression(current.parent) ||
      is.isSatisfiesExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

function hasLongReason(source: SourceFile, node: Node, lines: string[]): boolean {
  const start = source.getLineAndCharacterOfPosition(annotatedNode(node).getStart(source)).line;
  // The comment line directly above, skipping the JSDoc or comment block it may lead.
  for (let i = start - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (LONG_REASON.test(line)) return true;
    if (!/^\s*(\/\/|\/\*|\*|\{\/\*)/.test(line)) return false;
  }
  return false;
}

function longFunctions(source: SourceFile): LongFunction[] {
  const lines = source.text.split("\n");
  const found: LongFunction[] = [];
  const visit = (node: Node): undefined => {
    if (isFunctionWithBody(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const count = last - first + 1;
      if (count > MAX_FUNCTION_LINES && !hasLongReason(source, node, lines)) {
        found.push({ where: `${rel(source.fileName)}:${first + 1}`, name: functionName(node, source), lines: count });
      }
    }
    node.forEachChild(visit);
    return undefined;
  };
  visit(source);
  return found;
}

// Fixtures for the checker's own test: the same long arrow with and without a reason, and a method.
const FIXTURE_BODY = Array.from({ length: MAX_FUNCTION_LINES }, (_, i) => `  const v${i} = ${i};`).join("\n");
const FIXTURES = {
  "bare.ts": `export const f = () => {\n${FIXTURE_BODY}\n};\n`,
  "reasoned.ts": `// long: one table of cases, read top to bottom\nexport const f = () => {\n${FIXTURE_BODY}\n};\n`,
  "method.tsx": `export const o = {\n  m() {\n${FIXTURE_BODY}\n    return <p />;\n  },\n};\n`,
  "jsx.tsx": `export const J = () => (\n  <ul>\n    {/* long: one row of cells, read left to right */}\n    {[1].map((n) => {\n${FIXTURE_BODY}\n      return <li>{n}</li>;\n    })}\n  </ul>\n);\n`,
};

// The TypeScript 7 compiler API runs the native compiler in a child process: one project of
// the source files alone (no libs, no module resolution: parsing is all this needs).
let api: API;
let sources: Map<string, SourceFile>;
let workDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "code-shape-"));
  for (const [name, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(workDir, name), text);
  const files = [
    ...FUNCTION_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))),
    ...Object.keys(FIXTURES).map((name) => path.join(workDir, name)),
  ];
  const config = path.join(workDir, "tsconfig.json");
  fs.writeFileSync(config, JSON.stringify({ files, compilerOptions: { noResolve: true, noLib: true, types: [], jsx: "preserve" } }));
  api = new API({ cwd: workDir });
  const program = api.updateSnapshot({ openProjects: [config] }).getProjects()[0]!.program;
  sources = new Map(files.map((file) => [file, program.getSourceFile(file)!]));
});

afterAll(() => {
  api?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe("code shape (issue 16)", () => {
  it(`no file under lib/ is over ${MAX_FILE_LINES} lines`, () => {
    const over = sourceFiles(path.join(ROOT, "lib"))
      .map((file) => ({ file: rel(file), lines: lineCount(fs.readFileSync(file, "utf8")) }))
      .filter(({ lines }) => lines > MAX_FILE_LINES);
    expect(over).toEqual([]);
  });

  it(`no function is over ${MAX_FUNCTION_LINES} lines without a "// long:" reason directly above it`, () => {
    const app = [...sources].filter(([file]) => !file.startsWith(workDir));
    expect(app.length).toBeGreaterThan(100);
    expect(app.flatMap(([, source]) => longFunctions(source))).toEqual([]);
  });

  it("the checker sees what it must: a long arrow fails, the same arrow with a reason passes (in JSX too)", () => {
    const fixture = (name: keyof typeof FIXTURES) => longFunctions(sources.get(path.join(workDir, name))!).map((f) => f.name);
    expect(fixture("bare.ts")).toEqual(["f"]);
    expect(fixture("reasoned.ts")).toEqual([]);
    expect(fixture("method.tsx")).toEqual(["m"]);
    expect(fixture("jsx.tsx")).toEqual(["J"]);
  });
});
