// /bench-twins — exists only in a bench build (TIERGATE_BENCH_TWINS=1, next.config.ts): the page whose worker serves both sides of the bench's server-action row
import { notFound } from "next/navigation";
import { TwinPanel } from "@/bench/twins/twin-panel";
import { benchTwinsEnabled } from "@/bench/twins/twin-context";

export const dynamic = "force-dynamic";

export default function BenchTwinsPage() {
  if (!benchTwinsEnabled()) notFound();
  return <TwinPanel />;
}
