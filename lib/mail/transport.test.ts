import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log";
import { createMailer, type MailMessage } from "./transport";

const FROM = "Front Door <no-reply@front-door.test>";
const message: MailMessage = {
  to: "ada@example.com",
  subject: "Reset your password",
  text: "Hi Ada,\n\nhttp://localhost:3000/reset-password?token=abc\n",
  html: "<p>Hi Ada, <a href=\"http://localhost:3000/reset-password?token=abc\">reset</a></p>",
};

function expectContent(mail: ParsedMail, sent: MailMessage) {
  expect(mail.from?.value).toEqual([{ name: "Front Door", address: "no-reply@front-door.test" }]);
  expect(mail.subject).toBe(sent.subject);
  expect(mail.text?.trim()).toBe(sent.text.trim());
  expect(mail.html).toContain(sent.html);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "front-door-mail-"));
  vi.spyOn(logger, "info").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe("outbox mode (no SMTP_URL)", () => {
  it("writes one .eml file per message, which parses back to what was sent", async () => {
    const outboxDir = path.join(dir, "nested", "outbox");
    const mailer = createMailer({ from: FROM, outboxDir });
    const second = { ...message, to: "grace@example.com", subject: "Second" };

    await mailer.send(message);
    await mailer.send(second);

    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith(".eml"))).toBe(true);
    const mails = await Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(outboxDir, f)))));
    const bySubject = (subject: string) => mails.find((m) => m.subject === subject)!;
    for (const sent of [message, second]) {
      const mail = bySubject(sent.subject);
      expect(mail.to).toMatchObject({ value: [{ address: sent.to }] });
      expectContent(mail, sent);
    }

    expect(logger.info).toHaveBeenCalledTimes(2);
    const logged = vi.mocked(logger.info).mock.calls.map(([fields]) => (fields as unknown as { file: string }).file);
    for (const file of files) expect(logged).toContain(path.join(outboxDir, file));
    expect(path.isAbsolute(logged[0]!)).toBe(true);
  });

  it("throws when the outbox cannot be written", async () => {
    const notADir = path.join(dir, "file");
    await writeFile(notADir, "");
    const mailer = createMailer({ from: FROM, outboxDir: notADir });
    await expect(mailer.send(message)).rejects.toThrow();
    expect(logger.info).not.toHaveBeenCalled();
  });

  it("sendMail uses the app's settings", async () => {
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("MAIL_FROM", FROM);
    vi.stubEnv("MAIL_OUTBOX_DIR", dir);
    const { sendMail } = await import("./transport");

    await sendMail(message);

    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expectContent(await simpleParser(await readFile(path.join(dir, files[0]))), message);
  });
});

describe("SMTP mode", () => {
  type Received = { mail: ParsedMail; rcptTo: string[] };

  async function startServer(options: { refuse?: string } = {}) {
    const received: Received[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(address.address === options.refuse ? new Error("No such user") : undefined);
      },
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          received.push({ mail, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as { port: number };
    return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it("delivers the message to the SMTP server", async () => {
    const server = await startServer();
    try {
      await createMailer({ smtpUrl: server.url, from: FROM, outboxDir: dir }).send(message);

      expect(server.received).toHaveLength(1);
      const [{ mail, rcptTo }] = server.received;
      expect(rcptTo).toEqual([message.to]);
      expect(mail.to).toMatchObject({ value: [{ address: message.to }] });
      expectContent(mail, message);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("rejects when the server refuses a recipient", async () => {
    const server = await startServer({ refuse: "bob@example.com" });
    try {
      const mailer = createMailer({ smtpUrl: server.url, from: FROM, outboxDir: dir });
      await expect(mailer.send({ ...message, to: "bob@example.com" })).rejects.toThrow(/No such user/);
      expect(server.received).toHaveLength(0);
      await expect(mailer.send({ ...message, to: "ada@example.com, bob@example.com" })).rejects.toThrow(
        /refused bob@example.com$/,
      );
      expect(server.received.map((r) => r.rcptTo)).toEqual([["ada@example.com"]]);
    } finally {
      await server.close();
    }
  });

  it("rejects when no server is listening", async () => {
    // A port that was free a moment ago: nothing listens on it now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));

    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, outboxDir: dir });
    await expect(mailer.send(message)).rejects.toThrow(/ECONNREFUSED/);
    expect(await readdir(dir)).toEqual([]);
  });
});
