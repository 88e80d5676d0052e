// Reads a streaming download, reporting rows (newlines) and bytes as they arrive, then
// hands the browser the file. The server streams from Postgres and holds nothing; the
// chunks are only assembled here, on the user's machine, to save them.
export type DownloadProgress = { rows: number; bytes: number };

export async function streamDownload({
  url,
  filename,
  signal,
  headerLines,
  onProgress,
}: {
  url: string;
  filename: string;
  signal: AbortSignal;
  /** Lines that are not data rows (a CSV header). */
  headerLines: number;
  onProgress: (p: DownloadProgress) => void;
}): Promise<DownloadProgress> {
  const response = await fetch(url, { signal, credentials: "same-origin" });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? "The export could not be downloaded. Please start it again.");
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let newlines = 0;
  let lastReport = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
    if (performance.now() - lastReport > 100) {
      lastReport = performance.now();
      onProgress({ rows: Math.max(0, newlines - headerLines), bytes });
    }
  }
  const final = { rows: Math.max(0, newlines - headerLines), bytes };
  onProgress(final);
  const href = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = filenameFrom(response.headers.get("content-disposition")) ?? filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return final;
}

function filenameFrom(disposition: string | null): string | null {
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? null;
}
