// A local SMTP server for the end-to-end tests: the app (SMTP_URL=smtp://127.0.0.1:<port>)
// delivers to it, and every message lands in a folder as JSON that tests in other processes
// read (e2e/fixtures/mailbox.ts). Plain ESM so that node can run it without a build step:
//   node test-support/mail-catcher.mjs <port> <dir>
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * Accepts any message on 127.0.0.1:port (no authentication, no TLS) and writes it to dir.
 * Port 0 picks a free port; the one chosen is returned.
 * @param {{ port: number, dir: string }} options
 * @returns {Promise<{ port: number, close(): Promise<void> }>}
 */
export async function startMailCatcher({ port, dir }) {
  await mkdir(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      save(stream, session, dir).then(() => callback(), callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  // A client that goes away mid-message (an app server killed on purpose by the fault tests)
  // resets its connection; that message is simply not delivered, and the catcher keeps serving.
  server.on("error", (error) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") console.error("mail-catcher:", error);
  });
  return {
    port: server.server.address().port,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

async function save(stream, session, dir) {
  const parsed = await simpleParser(stream);
  const mail = {
    // The envelope, not the To header: these are the addresses the message was delivered to.
    to: session.envelope.rcptTo.map((r) => r.address),
    from: parsed.from?.text ?? "",
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: parsed.html || "",
    receivedAt: new Date().toISOString(),
  };
  const name = `${mail.receivedAt.replaceAll(":", "-")}-${randomBytes(4).toString("hex")}`;
  // Written under another name first, so that a reader polling the folder never sees half a file.
  const partial = path.join(dir, `.${name}.tmp`);
  await writeFile(partial, JSON.stringify(mail, null, 2));
  await rename(partial, path.join(dir, `${name}.json`));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [port, dir] = process.argv.slice(2);
  if (!port || !dir) {
    console.error("usage: node test-support/mail-catcher.mjs <port> <dir>");
    process.exit(2);
  }
  const catcher = await startMailCatcher({ port: Number(port), dir });
  console.info(`mail-catcher: listening on 127.0.0.1:${catcher.port}, writing to ${path.resolve(dir)}`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => catcher.close().then(() => process.exit(0)));
  }
}
