// `next build` / `next dev` append "<distDir>/types/**/*.ts" entries to tsconfig.json's
// include for whatever dist dir they run with. The bench's dist dirs are throwaway, and
// tsconfig.json is shared with everyone's work in progress, so after each Next run the
// harness takes out exactly the lines naming its own dirs and leaves every other line as is.
import fs from "node:fs";

export function dropDistDirIncludes(distDirs: string[], file = "tsconfig.json") {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const kept = lines.filter((line) => !distDirs.some((dir) => line.includes(`"${dir}/`)));
  if (kept.length === lines.length) return;
  // A removed last entry leaves a trailing comma before "]": drop it to keep strict JSON.
  for (let i = 0; i < kept.length - 1; i++) {
    if (/^\s*\]/.test(kept[i + 1]!) && /,\s*$/.test(kept[i]!)) kept[i] = kept[i]!.replace(/,\s*$/, "");
  }
  fs.writeFileSync(file, kept.join("\n"));
}

/**
 * Next's generated type-reference file (next-env, git-ignored) is rewritten by every Next run to import the types
 * of *its* dist dir; pointing at a deleted bench dir would break everyone's `tsc`. Returns
 * a function that puts back what was there before.
 */
export function keepNextEnv(file = "next-env.d.ts"): () => void {
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  return () => {
    if (before === null) fs.rmSync(file, { force: true });
    else if (fs.readFileSync(file, "utf8") !== before) fs.writeFileSync(file, before);
  };
}
