import { connect } from "node:net";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordReset } from "@/lib/mail/templates";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { linkIn, type MailCatcher, startMailCatcher, waitForMail } from "./mailbox";

describe("mail catcher and mailbox fixture", () => {
  let dir: string;
  let catcher: MailCatcher;
  let mailer: Mailer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "front-door-catcher-"));
    catcher = await startMailCatcher({ port: 0, dir: path.join(dir, "inbox") });
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: "Front Door <no-reply@test>", outboxDir: dir });
  });
  afterAll(async () => {
    await catcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a delivered message that waitForMail finds and linkIn reads", async () => {
    const url = "http://localhost:3210/reset-password?token=t0k3n";
    const sent = passwordReset({ username: "Ada", url, expiresInMinutes: 30 });
    const before = new Date();

    await mailer.send({ to: "Ada@Example.com", ...sent });

    const mail = await waitForMail(path.join(dir, "inbox"), { to: "ada@example.com", subject: /reset/i, after: before });
    // nodemailer lowercases the domain of envelope addresses.
    expect(mail).toMatchObject({ to: ["Ada@example.com"], from: `"Front Door" <no-reply@test>`, subject: sent.subject });
    expect(mail.html).toContain("reset-password?token=t0k3n");
    expect(new Date(mail.receivedAt).getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(linkIn(mail, "/reset-password")).toBe(url);
    expect(() => linkIn(mail, "/verify-email")).toThrow(/No link to \/verify-email/);
    expect((await readdir(path.join(dir, "inbox"))).filter((f) => !f.endsWith(".json"))).toEqual([]);
  });

  it("returns the newest match, and waits for a message still on its way", async () => {
    const to = "grace@example.com";
    await mailer.send({ to, subject: "First", text: "1", html: "<p>1</p>" });
    const waiting = waitForMail(path.join(dir, "inbox"), { to, subject: "Second" });
    await mailer.send({ to, subject: "Second", text: "2", html: "<p>2</p>" });
    expect((await waiting).text.trim()).toBe("2");

    await mailer.send({ to, subject: "Second", text: "3", html: "<p>3</p>" });
    expect((await waitForMail(path.join(dir, "inbox"), { to, subject: "Second" })).text.trim()).toBe("3");
  });

  it("keeps serving after clients reset their connections in the middle of a message", async () => {
    // What happens when the fault tests kill an app server while it is sending mail. Several
    // times: the first error once went to a listener left over from start-up, the second one
    // crashed the test runner.
    for (let i = 0; i < 3; i++) {
      const socket = connect(catcher.port, "127.0.0.1");
      let said = "";
      socket.on("data", (chunk) => (said += chunk.toString()));
      while (!said.startsWith("220")) await once(socket, "data");
      socket.write("EHLO test\r\nMAIL FROM:<a@test>\r\nRCPT TO:<b@test>\r\n");
      while ((said.match(/^250 /gm) ?? []).length < 3) await once(socket, "data");
      socket.resetAndDestroy();
      await once(socket, "close");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    await mailer.send({ to: "after@example.com", subject: "After the resets", text: "ok", html: "<p>ok</p>" });
    expect((await waitForMail(path.join(dir, "inbox"), { to: "after@example.com" })).subject).toBe("After the resets");
  });

  it("times out with a list of what did arrive", async () => {
    await expect(
      waitForMail(path.join(dir, "inbox"), { to: "nobody@example.com", subject: "Never", timeoutMs: 300 }),
    ).rejects.toThrow(/No mail to nobody@example.com, subject "Never" .* within 300 ms\. Arrived:\n.*to Ada@example.com: "Reset your Front Door password"/s);
  });

  it("treats a folder that does not exist yet as empty", async () => {
    await expect(waitForMail(path.join(dir, "missing"), { to: "x@example.com", timeoutMs: 150 })).rejects.toThrow(
      /Arrived:\n {2}\(none\)/,
    );
  });
});
