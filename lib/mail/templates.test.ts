import { describe, expect, it } from "vitest";
import { APP_NAME } from "@/lib/site";
import {
  emailChangedNotice,
  emailChangeRequested,
  escapeHtml,
  type MailContent,
  passkeyAdded,
  passkeyRemoved,
  passwordChanged,
  passwordReset,
  verifyEmail,
} from "./templates";

const url = "https://door.example.com/reset-password?token=abc123&user=42";
const hostile = `<script>alert("hi")</script>`;

/** The line of the plain text that holds a URL, as an e2e test would pick it out. */
const urlLine = (text: string) => text.split("\n").find((line) => /^https?:\/\//.test(line));

const linked: [string, (username: string) => MailContent, string][] = [
  ["verifyEmail", (username) => verifyEmail({ username, url, expiresInHours: 24 }), "expires in 24 hours"],
  ["passwordReset", (username) => passwordReset({ username, url, expiresInMinutes: 30 }), "expires in 30 minutes"],
  [
    "emailChangeRequested",
    (username) => emailChangeRequested({ username, url, expiresInHours: 1, newEmailMasked: "a***@example.org" }),
    "expires in 1 hour.",
  ],
];

const notices: [string, (username: string) => MailContent][] = [
  ["passwordChanged", (username) => passwordChanged({ username, when: new Date("2026-11-25T09:05:00Z") })],
  ["emailChangedNotice", (username) => emailChangedNotice({ username, newEmail: "new@example.org" })],
  ["passkeyAdded", (username) => passkeyAdded({ username, name: "YubiKey 5C" })],
  ["passkeyRemoved", (username) => passkeyRemoved({ username, name: "YubiKey 5C" })],
];

describe.each(linked)("%s", (_name, build, expiry) => {
  const mail = build("ada");

  it("puts the raw link on a line of its own in the text", () => {
    expect(urlLine(mail.text)).toBe(url);
  });

  it("links to the URL in the HTML, escaped as an attribute", () => {
    const escaped = "https://door.example.com/reset-password?token=abc123&amp;user=42";
    expect(mail.html).toContain(`href="${escaped}"`);
    expect(mail.html).not.toContain(url);
  });

  it("says when the link expires, in both parts", () => {
    expect(mail.text).toContain(expiry);
    expect(mail.html).toContain(expiry);
  });

  it("names the app and greets the user", () => {
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).toContain(APP_NAME);
    expect(mail.text).toMatch(/^Hi ada,/);
  });

  it("escapes the username in the HTML but not in the text", () => {
    const hostileMail = build(hostile);
    expect(hostileMail.html).not.toContain("<script>");
    expect(hostileMail.html).toContain("Hi &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;,");
    expect(hostileMail.text).toContain(`Hi ${hostile},`);
  });
});

it("refuses a link that is not http(s)", () => {
  expect(() => verifyEmail({ username: "ada", url: "javascript:alert(1)", expiresInHours: 1 })).toThrow();
});

describe.each(notices)("%s", (_name, build) => {
  const mail = build("ada");

  it("has no link, names the app and says what to do if it was not the reader", () => {
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(mail.html).not.toContain("<a ");
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).toContain(APP_NAME);
    expect(mail.text).toMatch(/If you did not/);
  });

  it("escapes the username in the HTML", () => {
    expect(build(hostile).html).not.toContain("<script>");
  });
});

describe("notice details", () => {
  it("passwordChanged says when, in UTC", () => {
    const mail = passwordChanged({ username: "ada", when: new Date("2026-11-25T09:05:00Z") });
    expect(mail.text).toContain("25 November 2026 at 09:05:00 UTC");
  });

  it("emailChangedNotice names the new address, escaped in the HTML", () => {
    const mail = emailChangedNotice({ username: "ada", newEmail: `"x"<b>@example.org` });
    expect(mail.text).toContain(`"x"<b>@example.org`);
    expect(mail.html).toContain("&quot;x&quot;&lt;b&gt;@example.org");
  });

  it("emailChangeRequested mentions the masked new address when given", () => {
    const mail = emailChangeRequested({ username: "ada", url, expiresInHours: 2, newEmailMasked: "a***@example.org" });
    expect(mail.text).toContain("a***@example.org");
    expect(emailChangeRequested({ username: "ada", url, expiresInHours: 2 }).text).not.toContain("()");
  });
});

describe.each([
  ["passkeyAdded", passkeyAdded, `A passkey was added to your ${APP_NAME} account`, "was added to your"],
  ["passkeyRemoved", passkeyRemoved, `A passkey was removed from your ${APP_NAME} account`, "was removed from your"],
])("%s", (_name, build, subject, what) => {
  it("says what happened in the subject, and names the passkey, quoted, in both parts", () => {
    const mail = build({ username: "ada", name: "Work laptop" });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(`named “Work laptop” ${what}`);
    expect(mail.html).toContain(`named “Work laptop” ${what}`);
  });

  it("escapes the passkey's name in the HTML but not in the text", () => {
    // The name is chosen by whoever added the passkey: perhaps not the account's owner.
    const mail = build({ username: "ada", name: hostile });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("“&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;”");
    expect(mail.text).toContain(`“${hostile}”`);
    expect(mail.subject).not.toContain(hostile);
  });

  it("greets someone without a username yet", () => {
    expect(build({ username: null, name: "Phone" }).text).toMatch(/^Hi there,/);
  });
});

describe("escapeHtml", () => {
  it("escapes every character that matters in text and in quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
});
