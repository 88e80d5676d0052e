// The local mail catcher of `npm run dev` and the e2e harnesses: maildev, an SMTP server that
// keeps every message and a web inbox to read them (a browser at /, JSON at /api/email), both
// on 127.0.0.1 only. Nothing it receives leaves the machine. Messages live in a folder of this
// run's own (not maildev's shared default), gone when the catcher stops. A port already taken
// (another checkout's dev server) falls back to free ones; the URLs returned are those in use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MailDev } from "maildev";
import { freePort } from "./free-port";

export type RunningCatcher = { smtpUrl: string; inboxUrl: string; stop: () => Promise<void> };

/** @param fallback on a taken port, use free ones (dev); a harness whose tests know the inbox URL wants the error instead */
export async function startMailCatcher({
  smtpPort,
  webPort,
  fallback = false,
}: {
  smtpPort: number;
  webPort: number;
  fallback?: boolean;
}): Promise<RunningCatcher> {
  try {
    return await start(smtpPort, webPort);
  } catch (err) {
    if (!fallback || (err as NodeJS.ErrnoException)?.code !== "EADDRINUSE") throw err;
    return start(await freePort(), await freePort());
  }
}

async function start(smtp: number, web: number): Promise<RunningCatcher> {
  const mailDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "tiergate-mail-"));
  const maildev = new MailDev({ smtp, web, ip: "127.0.0.1", webIp: "127.0.0.1", silent: true, mailDirectory });
  try {
    await maildev.start();
  } catch (err) {
    fs.rmSync(mailDirectory, { recursive: true, force: true });
    throw err;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    inboxUrl: `http://127.0.0.1:${web}`,
    stop: async () => {
      await maildev.stop().catch(() => {});
      fs.rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
