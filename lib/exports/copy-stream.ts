// Streams the output of `COPY (…) TO STDOUT` to a web ReadableStream with backpressure:
// rows are pulled from Postgres only as fast as the client reads, so memory stays flat
// whatever the row count. A cancelled download destroys the connection (a COPY cannot be
// abandoned half-way on a pooled connection) and leaves no server state behind.
//
// Bounded: the connection comes from the exports' own pool (lib/db/client.ts), so downloads
// never take the app's connections; a client that reads nothing for EXPORT_STALL_SECONDS has
// its stream ended and the connection freed (kernel buffers hide a stalled reader from us,
// so "the consumer asked for no more data" is the only signal there is); the export's lease
// (lib/exports/export-leases.ts) is renewed on progress and released however it ends.
import "server-only";
import { to as copyTo } from "pg-copy-streams";
import { getExportPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { leaseSeconds, releaseExportLease, renewExportLease, type ExportLease } from "@/lib/exports/export-leases";

const CHUNK_BYTES = 64 * 1024;

// long: one COPY connection's lifetime (acquire, stream, back-pressure, release on every exit) has to stay in one closure so no path leaks the client
export async function copyToStream({
  buildSql,
  label,
  lease = null,
}: {
  buildSql: (escapeLiteral: (v: string) => string) => string;
  label: string;
  /** Routes pass the lease acquireExportLease took when it admitted the download. */
  lease?: ExportLease | null;
}) {
  let leaseDone = false;
  const endLease = () => {
    if (leaseDone || !lease) return;
    leaseDone = true;
    void releaseExportLease(lease);
  };
  let client;
  try {
    client = await getExportPool().connect();
  } catch (err) {
    endLease();
    throw err;
  }
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  let released = false;
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    clearTimeout(stallTimer);
    client.release(destroy);
    endLease();
  };
  let source: ReturnType<typeof copyTo>;
  try {
    source = client.query(copyTo(buildSql((v) => client.escapeLiteral(v))));
  } catch (err) {
    release(true);
    throw err;
  }
  const started = Date.now();
  let bytes = 0;
  const iterator = source[Symbol.asyncIterator]();

  const stallMs = env().EXPORT_STALL_SECONDS * 1000;
  const renewEveryMs = (leaseSeconds() * 1000) / 3;
  let renewedAt = Date.now();
  let onStall = () => {};
  // Armed while the stream waits for its consumer, cleared as soon as it asks for more.
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => onStall(), stallMs);
  };

  // COPY sends one message per row; handing each to the web stream separately costs more
  // than the row itself. Rows are gathered into ~64 KB chunks before they are enqueued.
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onStall = () => {
        if (released) return;
        source.destroy();
        release(true);
        logger.warn({ event: "export.stalled", label, bytes, stallSeconds: stallMs / 1000 }, "export ended: the client stopped reading");
        controller.error(new Error("The download stopped reading and was ended."));
      };
      armStallTimer();
    },
    async pull(controller) {
      clearTimeout(stallTimer);
      try {
        const parts: Buffer[] = [];
        let size = 0;
        while (size < CHUNK_BYTES) {
          const { value, done } = await iterator.next();
          if (done) {
            if (size > 0) controller.enqueue(Buffer.concat(parts, size));
            controller.close();
            release(false);
            logger.info({ event: "export.streamed", label, bytes: bytes + size, ms: Date.now() - started }, "export finished");
            return;
          }
          parts.push(value as Buffer);
          size += (value as Buffer).length;
        }
        bytes += size;
        // A Buffer is a Uint8Array: enqueue it as is (new Uint8Array(buf) would copy it again).
        controller.enqueue(Buffer.concat(parts, size));
        if (lease && Date.now() - renewedAt > renewEveryMs) {
          renewedAt = Date.now();
          void renewExportLease(lease);
        }
        if (!released) armStallTimer();
      } catch (err) {
        release(true);
        logger.error({ event: "export.failed", label, err }, "export stream failed");
        controller.error(new Error("The export failed on our side."));
      }
    },
    cancel() {
      source.destroy();
      release(true);
      logger.info({ event: "export.cancelled", label, bytes }, "export cancelled by the client");
    },
  });
}
