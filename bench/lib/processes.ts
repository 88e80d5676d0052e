// Process helpers for the harness: spawn with output to a log file, wait for an exit, find
// a process's descendants and read their resident memory from /proc (Linux only, as is
// this benchmark's target machine).
import fs from "node:fs";
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export function spawnLogged(cmd: string, args: string[], { logFile, ...options }: SpawnOptions & { logFile: string }): ChildProcess {
  const out = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { ...options, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return child;
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Runs to completion; rejects with the log's tail on a non-zero exit. */
export async function runLogged(cmd: string, args: string[], options: SpawnOptions & { logFile: string; timeoutMs: number }) {
  const child = spawnLogged(cmd, args, options);
  const code = await waitForExit(child, options.timeoutMs);
  if (code === null) {
    child.kill("SIGKILL");
    throw new Error(`${args.join(" ")} timed out after ${options.timeoutMs} ms (log: ${options.logFile})`);
  }
  if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}:\n${tail(options.logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/** Every live descendant of `root`, breadth first, with its command line. */
export function descendants(root: number): { pid: number; cmdline: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), "stat");
    if (!stat) continue;
    // The comm field may contain spaces and parentheses; ppid is the 2nd field after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: { pid: number; cmdline: string }[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift()!;
    found.push({ pid, cmdline: (readProc(pid, "cmdline") ?? "").replace(/\0/g, " ").trim() });
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** VmRSS of a process in bytes, or null once it is gone. */
export function rssBytes(pid: number): number | null {
  const status = readProc(pid, "status");
  const match = status?.match(/^VmRSS:\s+(\d+)\s+kB/m);
  return match ? Number(match[1]) * 1024 : null;
}

/** Samples VmRSS of `pid` every `everyMs` until stopped; returns baseline and peak. */
export function sampleRss(pid: number, everyMs = 50) {
  const baseline = rssBytes(pid) ?? 0;
  let peak = baseline;
  let samples = 1;
  const timer = setInterval(() => {
    const value = rssBytes(pid);
    if (value !== null) {
      peak = Math.max(peak, value);
      samples++;
    }
  }, everyMs);
  let peakAtMark: number | null = null;
  return {
    /** Remembers the peak so far (e.g. halfway through a download). */
    mark() {
      peakAtMark = Math.max(peak, rssBytes(pid) ?? peak);
    },
    stop() {
      clearInterval(timer);
      const last = rssBytes(pid) ?? peak;
      peak = Math.max(peak, last);
      return { baseline, peak, growth: peak - baseline, samples, growthAfterMark: peakAtMark === null ? null : peak - peakAtMark };
    },
  };
}
