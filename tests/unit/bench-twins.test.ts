// The bench's unguarded twins (bench/twins, bench/README.md) skip the guard by design, so
// they must not exist outside a bench build: their page and route files carry the
// `.bench.ts[x]` extension, which only TIERGATE_BENCH_TWINS=1 adds to Next's pageExtensions,
// and nothing a normal build compiles imports them. Next's own file matcher decides here, as
// it does in `next build`. At run time a twin also refuses unless that variable is set and
// APP_URL is a loopback address.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

const ROOT = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const { createValidFileMatcher } = require("next/dist/server/lib/find-page-file") as {
  createValidFileMatcher: (
    pageExtensions: string[],
    appDir: string,
  ) => { isAppRouterPage: (file: string) => boolean; isAppRouterRoute: (file: string) => boolean };
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

const appDir = path.join(ROOT, "app");
const appFiles = walk(appDir);
const twinEntries = appFiles.filter((f) => /\.bench\.tsx?$/.test(f));

async function pageExtensions(twins: string | undefined): Promise<string[]> {
  vi.stubEnv("TIERGATE_BENCH_TWINS", twins ?? "");
  vi.resetModules();
  const { default: config } = await import("@/next.config");
  return config(PHASE_PRODUCTION_BUILD).pageExtensions ?? [];
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("bench twins exist only in a bench build", () => {
  it("has the twin page and route (so the checks below are not vacuous)", () => {
    const names = twinEntries.map((f) => path.relative(ROOT, f)).sort();
    expect(names).toEqual(["app/api/bench-twins/license/route.bench.ts", "app/bench-twins/page.bench.tsx"]);
  });

  it("a normal build's pageExtensions make no twin a page or route", async () => {
    const exts = await pageExtensions(undefined);
    expect(exts).not.toContain("bench.ts");
    const matcher = createValidFileMatcher(exts, appDir);
    for (const file of twinEntries) {
      expect(matcher.isAppRouterPage(file) || matcher.isAppRouterRoute(file), file).toBe(false);
    }
  });

  it("the bench build's pageExtensions make each twin a page or route", async () => {
    const matcher = createValidFileMatcher(await pageExtensions("1"), appDir);
    for (const file of twinEntries) {
      expect(matcher.isAppRouterPage(file) || matcher.isAppRouterRoute(file), file).toBe(true);
    }
  });

  it("nothing but a twin entry imports bench/twins (a normal build never reaches them)", () => {
    const sources = ["app", "components", "lib"]
      .flatMap((d) => walk(path.join(ROOT, d)))
      .filter((f) => /\.tsx?$/.test(f) && !twinEntries.includes(f));
    const importers = sources.filter((f) => /from "@\/bench\//.test(fs.readFileSync(f, "utf8")));
    expect(importers.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe("bench twins refuse at run time outside a bench server on loopback", () => {
  async function twinRoute(vars: Record<string, string>) {
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    vi.resetModules();
    const { benchTwinsEnabled } = await import("@/bench/twins/twin-context");
    const { GET } = await import("@/app/api/bench-twins/license/route.bench");
    return { enabled: benchTwinsEnabled(), GET };
  }

  it("without TIERGATE_BENCH_TWINS=1 the twin route is a 404 and the body never runs", async () => {
    const { enabled, GET } = await twinRoute({ TIERGATE_BENCH_TWINS: "" });
    expect(enabled).toBe(false);
    const res = await GET(new Request("http://localhost:3000/api/bench-twins/license"));
    expect(res.status).toBe(404);
  });

  it("the twin action refuses without TIERGATE_BENCH_TWINS=1, before reading any session", async () => {
    vi.stubEnv("TIERGATE_BENCH_TWINS", "");
    vi.resetModules();
    const { unguardedStartCsvExport } = await import("@/bench/twins/twin-actions");
    // Outside a request, getCurrentSession would throw: a refusal proves the gate came first.
    await expect(unguardedStartCsvExport({ input: {} })).resolves.toMatchObject({ ok: false, error: { kind: "forbidden" } });
  });

  it("with it set, a non-loopback APP_URL still keeps the twins off", async () => {
    expect((await twinRoute({ TIERGATE_BENCH_TWINS: "1", APP_URL: "https://tiergate.example" })).enabled).toBe(false);
    expect((await twinRoute({ TIERGATE_BENCH_TWINS: "1", APP_URL: "http://127.0.0.1:4100" })).enabled).toBe(true);
  });
});
