import type { Browser, Page } from "@playwright/test";
import { PORT } from "../playwright.config";
import { findUser, linksOf, sessionsOf, sql } from "./fixtures/db";
import { linkIn } from "../test-support/mailbox";
import { expect, newIp, newUser, openSettings, signIn, signUp, test, type TestUser } from "./fixtures/test";

// Finding 3 of the outside attack: links that outlived the change that should void them.

const INVALID_LINK = "This link is invalid or has already been used. Request a new one.";
const RESET_SENT = "If an account exists for that address, we sent a link to reset your password. It expires in 1 hour.";

const flash = (page: Page, text: string) => page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: text });

/** A browser of its own, from its own address (an intruder, or the owner's other device). */
async function otherBrowser(browser: Browser) {
  const context = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "x-forwarded-for": newIp() } });
  return context.newPage();
}

/** Asks, in settings, to move the account to `newEmail`; returns the link mailed there. */
async function requestEmailChange(page: Page, password: string, newEmail: string, mail: MailFn) {
  const started = new Date(Date.now() - 1000);
  await openSettings(page, "Change email");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change email" }) });
  await form.getByLabel("New email").fill(newEmail);
  await form.getByLabel("Current password").fill(password);
  await form.getByRole("button", { name: "Change email" }).click();
  await expect(flash(page, "We sent a confirmation link to your new address.")).toBeVisible();
  return linkIn(await mail({ to: newEmail, subject: /Confirm your new email/i, after: started }), "/verify-email");
}

/** "Forgot password?" for `email`; returns the reset link mailed there. */
async function requestReset(page: Page, email: string, mail: MailFn) {
  const started = new Date(Date.now() - 1000);
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: RESET_SENT })).toBeVisible();
  return linkIn(await mail({ to: email, subject: /reset/i, after: started }), "/reset-password");
}

async function resetPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(flash(page, "Your password has been reset.")).toBeVisible();
}

async function changePassword(page: Page, current: string, next: string) {
  await openSettings(page, "Change password");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
  await form.getByLabel("Current password").fill(current);
  await form.getByLabel("New password", { exact: true }).fill(next);
  await form.getByLabel("Confirm new password").fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(flash(page, "Your password has been changed.")).toBeVisible();
}

type MailFn = Parameters<Parameters<typeof test>[2]>[0]["mail"];

const emailOf = async (user: TestUser) => (await findUser(user.username))!.email;
const freshPassword = () => `Second kettle ${Date.now()} drums`;
const evilAddress = () => `intruder.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@evil.example`;

test.describe("finding 3: links that outlive the change that should void them", () => {
  test("a password reset voids a pending change-email link: the evicted intruder cannot move the account", async ({ page, browser, user, mail }) => {
    const intruder = await otherBrowser(browser);
    await signIn(intruder, user.username, user.password);
    const takeover = await requestEmailChange(intruder, user.password, evilAddress(), mail);

    // The owner notices and resets the password from their inbox: every session ends.
    await resetPassword(page, await requestReset(page, user.email, mail), freshPassword());

    await intruder.goto(takeover);
    await expect(flash(intruder, INVALID_LINK)).toBeVisible();
    expect(await emailOf(user)).toBe(user.email.toLowerCase());
    expect((await linksOf((await findUser(user.username))!.id)).filter((l) => l.purpose === "change-email")).toHaveLength(0);
    await intruder.context().close();
  });

  test("a password change voids a pending change-email link", async ({ page, browser, user, mail }) => {
    const intruder = await otherBrowser(browser);
    await signIn(intruder, user.username, user.password);
    const takeover = await requestEmailChange(intruder, user.password, evilAddress(), mail);

    await signIn(page, user.username, user.password);
    await changePassword(page, user.password, freshPassword());

    await intruder.goto(takeover);
    await expect(flash(intruder, INVALID_LINK)).toBeVisible();
    expect(await emailOf(user)).toBe(user.email.toLowerCase());
    await intruder.context().close();
  });

  test("pre-registration hijack: an account made with someone else's address cannot be kept by a pending change-email link", async ({ page, browser, mail }) => {
    // The attacker signs up first with the victim's address, and asks to move it to their own.
    const victim = newUser();
    const attacker = await otherBrowser(browser);
    const squatted = { ...newUser(), email: victim.email };
    await signUp(attacker, squatted);
    const takeover = await requestEmailChange(attacker, squatted.password, evilAddress(), mail);

    // The victim cannot sign up with their address, so they reset the password of "their" account.
    await resetPassword(page, await requestReset(page, victim.email, mail), victim.password);

    // The attacker's session is over and their link is dead: the address stays the victim's.
    await attacker.goto(takeover);
    await expect(flash(attacker, INVALID_LINK)).toBeVisible();
    await expect(attacker).toHaveURL(/\/login/);
    expect(await emailOf(squatted)).toBe(victim.email.toLowerCase());
    await signIn(page, victim.email, victim.password);
    await attacker.context().close();
  });

  test("an email change voids reset links mailed to the old address and ends the other sessions, not this one", async ({ page, browser, user, mail }) => {
    const oldReset = await requestReset(page, user.email, mail);
    const elsewhere = await otherBrowser(browser);
    await signIn(elsewhere, user.username, user.password);

    await signIn(page, user.username, user.password);
    const moved = `moved.${Date.now()}@example.com`;
    await page.goto(await requestEmailChange(page, user.password, moved, mail));
    await expect(flash(page, "Your email address has been changed.")).toBeVisible();
    expect(await emailOf(user)).toBe(moved);

    // This session goes on; the other one is over.
    await page.goto("/dashboard");
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
    expect(await sessionsOf((await findUser(user.username))!.id)).toHaveLength(1);
    await elsewhere.goto("/dashboard");
    await expect(elsewhere).toHaveURL(/\/login/);
    await elsewhere.context().close();

    // Whoever reads the old inbox can no longer reset the password.
    await page.goto(oldReset);
    await expect(page.getByText(INVALID_LINK)).toBeVisible();
  });

  test("a change-email link applies only while the account still has the address it was asked from", async ({ page, user, mail }) => {
    await signIn(page, user.username, user.password);
    const link = await requestEmailChange(page, user.password, `later.${Date.now()}@example.com`, mail);
    // The address changes by another way in between (as a support agent would do it).
    const meanwhile = `support.${Date.now()}@example.com`;
    await sql(`UPDATE "User" SET "email" = ? WHERE "id" = ?`, meanwhile, (await findUser(user.username))!.id);

    await page.goto(link);
    await expect(flash(page, INVALID_LINK)).toBeVisible();
    expect(await emailOf(user)).toBe(meanwhile);
  });
});
