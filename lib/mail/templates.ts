import { APP_NAME } from "@/lib/site";

export type MailContent = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

// Written out in UTC so the text does not depend on the server's time zone.
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "long", timeZone: "UTC" });

type Link = { url: string; label: string; expiresIn: string };

type Body = {
  subject: string;
  username: string | null;
  /** What happened, one sentence a paragraph. */
  lines: string[];
  link?: Link;
  /** What to do if the reader did not ask for this. */
  notYou: string;
};

/** One layout for every message, so text and HTML always say the same thing. */
function render({ subject, username, lines, link, notYou }: Body): MailContent {
  if (link && !/^https?:\/\//i.test(link.url)) throw new Error("Mail links must be http(s) URLs");
  const expiry = link && `This link expires in ${link.expiresIn}.`;

  // The URL stands on a line of its own, so that it survives line-wrapping mail clients
  // and tests can pick it out.
  const text = [
    `Hi ${username ?? "there"},`,
    ...lines,
    ...(link ? [`${link.label}:\n${link.url}`, expiry] : []),
    notYou,
    `— ${APP_NAME}`,
  ].join("\n\n");

  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">`,
    p(`Hi ${escapeHtml(username ?? "there")},`),
    ...lines.map((line) => p(escapeHtml(line))),
    ...(link
      ? [
          p(
            `<a href="${escapeHtml(link.url)}" style="display:inline-block;padding:10px 16px;background:#111;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a>`,
          ),
          p(`Or paste this address into your browser:<br><span style="word-break:break-all">${escapeHtml(link.url)}</span>`),
          p(escapeHtml(expiry!)),
        ]
      : []),
    p(escapeHtml(notYou)),
    p(`— ${escapeHtml(APP_NAME)}`),
    `</body></html>`,
  ].join("\n");

  return { subject, text, html };
}

export function verifyEmail({ username, url, expiresInHours }: { username: string | null; url: string; expiresInHours: number }) {
  return render({
    subject: `Confirm your email address for ${APP_NAME}`,
    username,
    lines: [`Please confirm that this is your email address for your ${APP_NAME} account.`],
    link: { url, label: "Confirm email address", expiresIn: plural(expiresInHours, "hour") },
    notYou: `If you did not create a ${APP_NAME} account, ignore this email; nothing will happen.`,
  });
}

export function passwordReset({ username, url, expiresInMinutes }: { username: string | null; url: string; expiresInMinutes: number }) {
  return render({
    subject: `Reset your ${APP_NAME} password`,
    username,
    lines: [`Someone asked to reset the password of your ${APP_NAME} account. Use the link below to choose a new one.`],
    link: { url, label: "Choose a new password", expiresIn: plural(expiresInMinutes, "minute") },
    notYou: "If you did not ask for this, ignore this email: your password stays as it is.",
  });
}

export function passwordChanged({ username, when }: { username: string | null; when: Date }) {
  return render({
    subject: `Your ${APP_NAME} password was changed`,
    username,
    lines: [`The password of your ${APP_NAME} account was changed on ${dateFormat.format(when)}.`],
    notYou:
      `If you did not change it, someone else may have access to your account: choose a new password now ` +
      `with "Forgot password" on the ${APP_NAME} sign-in page.`,
  });
}

export function emailChangeRequested({
  username,
  newEmailMasked,
  url,
  expiresInHours,
}: {
  username: string | null;
  newEmailMasked?: string;
  url: string;
  expiresInHours: number;
}) {
  const address = newEmailMasked ? `this address (${newEmailMasked})` : "this address";
  return render({
    subject: `Confirm your new email address for ${APP_NAME}`,
    username,
    lines: [
      `Someone asked to change the email address of your ${APP_NAME} account to ${address}. The change takes effect once you confirm it.`,
    ],
    link: { url, label: "Confirm new email address", expiresIn: plural(expiresInHours, "hour") },
    notYou: "If you did not ask for this, ignore this email; the account's address stays as it is.",
  });
}

export function emailChangedNotice({ username, newEmail }: { username: string | null; newEmail: string }) {
  return render({
    subject: `Your ${APP_NAME} email address was changed`,
    username,
    lines: [
      `The email address of your ${APP_NAME} account was changed to ${newEmail}. Messages about your account now go to that address.`,
    ],
    notYou:
      `If you did not make this change, someone else may have access to your account: sign in and change ` +
      `your password at once, and contact the ${APP_NAME} administrator.`,
  });
}

export function recoveryCodeUsed({ username, remaining }: { username: string | null; remaining: number }) {
  return render({
    subject: `A recovery code was used to sign in to ${APP_NAME}`,
    username,
    lines: [
      `Someone signed in to your ${APP_NAME} account with one of your two-factor recovery codes. ` +
        `${plural(remaining, "code")} ${remaining === 1 ? "is" : "are"} left; you can make a new set in settings.`,
    ],
    notYou: "If this was not you, sign in, change your password and make a new set of recovery codes at once.",
  });
}

export function twoFactorDisabled({ username }: { username: string | null }) {
  return render({
    subject: `Two-factor sign-in was turned off for ${APP_NAME}`,
    username,
    lines: [`Two-factor authentication was turned off for your ${APP_NAME} account. Signing in now needs only your password.`],
    notYou: "If you did not do this, sign in, change your password and turn two-factor authentication on again.",
  });
}

export function passkeyAdded({ username, name }: { username: string | null; name: string }) {
  return render({
    subject: `A passkey was added to your ${APP_NAME} account`,
    username,
    lines: [`A passkey named “${name}” was added to your ${APP_NAME} account. It can sign in without your password.`],
    notYou: "If you did not do this, sign in, remove that passkey in settings and change your password at once.",
  });
}

export function passkeyRemoved({ username, name }: { username: string | null; name: string }) {
  return render({
    subject: `A passkey was removed from your ${APP_NAME} account`,
    username,
    lines: [`The passkey named “${name}” was removed from your ${APP_NAME} account. It no longer signs in.`],
    notYou: "If you did not do this, sign in and change your password at once.",
  });
}

export function newSignIn({ username, device, ip, when }: { username: string | null; device: string; ip: string; when: Date }) {
  return render({
    subject: `New sign-in to your ${APP_NAME} account`,
    username,
    lines: [
      `Your ${APP_NAME} account was just signed in from a device and browser it has not used before.`,
      `Device: ${device}`,
      `IP address: ${ip}`,
      `Time: ${dateFormat.format(when)}`,
    ],
    notYou:
      "If this was you, there is nothing to do. If it was not, change your password at once, sign out your other sessions in settings, and turn on two-factor authentication.",
  });
}
