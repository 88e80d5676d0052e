// References rot silently: a page moves, a heading is renamed, a file is deleted, and the
// link or comment that pointed at it keeps pointing. This fails when
//   - a relative link in README.md or docs/*.md names a missing file or heading anchor,
//   - a code path quoted in those pages (`lib/…`, `tests/…`) no longer exists,
//   - a test name cited in docs/security.md's attack table is not in the test file it cites,
//   - a comment in the source cites a *.ts/*.tsx/*.md path that does not exist.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";

const DOC_FILES = [
  path.join(ROOT, "README.md"),
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(ROOT, "docs", f)),
];
const SOURCE_DIRS = ["lib", "app", "components", "server", "scripts", "bench"];
const CODE_ROOTS = /^(lib|app|components|server|scripts|bench|tests|prisma|docs|types)\//;

const rel = (file: string) => path.relative(ROOT, file);
const read = (file: string) => fs.readFileSync(file, "utf8");

/** The page without fenced code blocks: their contents are neither headings nor links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** GitHub's heading anchors: lower case, punctuation and symbols dropped, spaces → hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, text] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

function brokenLink(from: string, target: string): string | null {
  const [filePart, anchor] = target.split("#") as [string, string | undefined];
  const file = filePart ? path.resolve(path.dirname(from), decodeURIComponent(filePart)) : from;
  if (!fs.existsSync(file)) return `${target}: no such file`;
  if (anchor && file.endsWith(".md") && !headingAnchors(read(file)).has(anchor)) return `${target}: no heading #${anchor}`;
  return null;
}

/** Paths of the project quoted in code spans: `lib/guard/decide.ts`, `scripts/serve.ts --mode start`. */
function quotedCodePaths(markdown: string): string[] {
  return [...prose(markdown).matchAll(/`([^`\n]+)`/g)]
    .flatMap((m) => m[1].split(/\s+/))
    .map((token) => token.replace(/[),.;:]+$/, ""))
    .filter((token) => CODE_ROOTS.test(token) && !/[<>*…{}]/.test(token));
}

/** Every comment's text in a .ts/.tsx file: `//` to the end of the line, and block comments. */
function comments(source: string): string[] {
  const blocks = [...source.matchAll(/\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
  const lines = [...source.matchAll(/(?:^|[\s;{}(),])\/\/(.*)$/gm)].map((m) => m[1]);
  return [...blocks, ...lines];
}

const FILES_BY_NAME = new Set(
  ["lib", "app", "components", "server", "scripts", "bench", "tests", "prisma", "types", "docs", "."].flatMap((dir) =>
    dir === "."
      ? fs.readdirSync(ROOT).filter((f) => fs.statSync(path.join(ROOT, f)).isFile())
      : walkAll(path.join(ROOT, dir)).map((f) => path.basename(f)),
  ),
);

function walkAll(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : walkAll(full);
    return [full];
  });
}

/** Folders a comment's path may be relative to: the citing file's own, each one above it, the root. */
function baseFolders(fromFile: string): string[] {
  const folders: string[] = [];
  for (let dir = path.dirname(fromFile); dir.startsWith(ROOT); dir = path.dirname(dir)) folders.push(dir);
  return folders;
}

/** A path a comment cites exists relative to one of baseFolders, or (a bare file name) somewhere in the project. */
function citedPathExists(fromFile: string, cited: string): boolean {
  const candidates = [cited, cited.replace(/^[([]+/, "")].map((c) => c.replace(/^@\//, ""));
  return candidates.some(
    (c) => baseFolders(fromFile).some((dir) => fs.existsSync(path.resolve(dir, c))) || (!c.includes("/") && FILES_BY_NAME.has(c)),
  );
}

describe("links in README.md and docs/", () => {
  it.each(DOC_FILES.map((f) => [rel(f), f]))("%s: every relative link names a file and heading that exist", (_, file) => {
    const broken = relativeLinks(read(file))
      .map((target) => brokenLink(file, target))
      .filter(Boolean);
    expect(broken).toEqual([]);
  });

  it("finds the quoted project paths it checks", () => {
    expect(DOC_FILES.flatMap((file) => quotedCodePaths(read(file))).length).toBeGreaterThan(50);
  });

  it.each(DOC_FILES.map((f) => [rel(f), f]))("%s: every quoted project path exists", (_, file) => {
    const missing = quotedCodePaths(read(file)).filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it("docs/security.md: every test name in the attack table is in the file the row cites", () => {
    const page = read(path.join(ROOT, "docs/security.md"));
    const table = page.slice(page.indexOf("| Attack |"), page.indexOf("\n\n", page.indexOf("| Attack |")));
    const missing: string[] = [];
    let file: string | null = null;
    for (const row of table.split("\n").slice(2)) {
      const provenBy = row.split(" | ").at(-1) ?? "";
      for (const m of provenBy.matchAll(/\[[^\]]*\]\(([^)]+)\)|"([^"]+)"/g)) {
        if (m[1]) file = path.resolve(ROOT, "docs", m[1]);
        else if (!file || !read(file).includes(m[2].replace(/…$/, ""))) missing.push(`${m[2]} (in ${file && rel(file)})`);
      }
    }
    expect(table.split("\n").length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe("comments cite files that exist", () => {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

  it("scans the source", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("no comment in lib/ app/ components/ server/ scripts/ bench/ cites a missing *.ts, *.tsx or *.md", () => {
    const missing = files.flatMap((file) =>
      comments(read(file)).flatMap((text) =>
        [...text.matchAll(/[\w@.\-[\]()/]*\w\.(?:tsx?|md)\b/g)]
          .map((m) => m[0])
          .filter((cited) => !citedPathExists(file, cited))
          .map((cited) => `${rel(file)}: ${cited}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
