import type { Browser, Page } from "@playwright/test";
import { E2E_LIMITS, extraPort, PORT } from "../playwright.config";
import { expireLinksOf, findUser, findUserByEmail, linksOf, sessionsOf } from "./fixtures/db";
import { actionFields } from "./fixtures/actions";
import { linkIn } from "../test-support/mailbox";
import { type ExtraServer, startServer } from "./fixtures/server";
import { errorOf, expect, fillSignIn, newIp, newUser, openSettings, signIn, signOut, signUp, test, type TestUser } from "./fixtures/test";

const INVALID_LINK = "This link is invalid or has already been used. Request a new one.";
const EXPIRED_LINK = "This link has expired. Request a new one.";
const RESET_SENT = "If an account exists for that address, we sent a link to reset your password. It expires in 1 hour.";

const flash = (page: Page, text: string) => page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: text });

/** A second browser, elsewhere, signed in to the same account. */
async function signedInElsewhere(browser: Browser, user: TestUser) {
  const context = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "x-forwarded-for": newIp() } });
  const page = await context.newPage();
  await signIn(page, user.username, user.password);
  return page;
}

test.describe("verify email", () => {
  test("sign-up mails a link; the dashboard asks for it until it is opened; the link works once", async ({ page, mail }) => {
    const user = newUser();
    const started = new Date(Date.now() - 1000);
    await signUp(page, user);
    await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();

    const message = await mail({ to: user.email, subject: /Confirm your email address/, after: started });
    expect(message.text).toContain("Front Door");
    expect(message.text).toMatch(/expires in 24 hours/);
    expect(message.html).toContain(linkIn(message, "/verify-email").replaceAll("&", "&amp;"));
    const link = linkIn(message, "/verify-email");
    // Only a hash of the secret is stored.
    const stored = await linksOf((await findUser(user.username))!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(new URL(link).searchParams.get("token")!);

    await page.goto(link);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(flash(page, "Your email address is verified.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Verify your email" })).toHaveCount(0);
    expect((await findUser(user.username))!.emailVerified).toBeTruthy();

    await page.goto(link);
    await expect(flash(page, INVALID_LINK)).toBeVisible();
  });

  test("resend sends a new link and voids the old one; expired and forged links are refused", async ({ page, mail }) => {
    const user = newUser();
    const started = new Date(Date.now() - 1000);
    await signUp(page, user);
    const first = linkIn(await mail({ to: user.email, subject: /Confirm your email address/, after: started }), "/verify-email");

    const resent = new Date();
    await page.getByRole("button", { name: "Resend email" }).click();
    await expect(flash(page, "We sent a new verification link to your email address.")).toBeVisible();
    const second = linkIn(await mail({ to: user.email, subject: /Confirm your email address/, after: resent }), "/verify-email");
    expect(second).not.toBe(first);

    await page.goto(first);
    await expect(flash(page, INVALID_LINK)).toBeVisible();

    const forged = new URL(second);
    forged.searchParams.set("token", "A".repeat(43));
    await page.goto(forged.toString());
    await expect(flash(page, INVALID_LINK)).toBeVisible();
    await page.goto("/verify-email?token=%3Cscript%3E");
    await expect(flash(page, INVALID_LINK)).toBeVisible();

    await expireLinksOf((await findUser(user.username))!.id);
    await page.goto(second);
    await expect(flash(page, EXPIRED_LINK)).toBeVisible();
    expect((await findUser(user.username))!.emailVerified).toBeFalsy();
  });

  test("resending is rate-limited", async ({ page }) => {
    const user = newUser();
    await signUp(page, user);
    // MAIL_MAX_PER_HOUR=3 on the test servers.
    for (let i = 0; i < Number(E2E_LIMITS.MAIL_MAX_PER_HOUR); i++) {
      await page.getByRole("button", { name: "Resend email" }).click();
      await expect(flash(page, "We sent a new verification link")).toBeVisible();
    }
    await page.getByRole("button", { name: "Resend email" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /Too many emails sent\. Try again in (60|59) minutes\./ })).toBeVisible();
  });
});

test.describe("forgotten password", () => {
  test("the answer is the same whether or not the address has an account; only an account gets mail", async ({ page, user, mail }) => {
    const started = new Date(Date.now() - 1000);
    const nobody = newUser().email;
    for (const email of [user.email, nobody]) {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await expect(page).toHaveURL(/\/forgot-password$/);
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status").filter({ hasText: RESET_SENT })).toBeVisible();
    }
    const message = await mail({ to: user.email, subject: /reset/i, after: started });
    expect(message.text).toMatch(/expires in (1 hour|60 minutes)/);
    await expect(mail({ to: nobody, after: started, timeoutMs: 1500 })).rejects.toThrow(/No mail/);
  });

  test("a reset link sets a new password once, signs out every session and mails a notice", async ({ page, browser, user, mail }) => {
    const elsewhere = await signedInElsewhere(browser, user);
    const started = new Date(Date.now() - 1000);
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(user.email.toUpperCase());
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: RESET_SENT })).toBeVisible();
    const link = linkIn(await mail({ to: user.email, subject: /reset/i, after: started }), "/reset-password");

    await page.goto(link);
    // The same checks as sign-up: a guessable password is refused and the link stays usable.
    await page.getByLabel("New password", { exact: true }).fill("password123");
    await page.getByLabel("Confirm new password").fill("password123");
    await page.getByRole("button", { name: "Reset password" }).click();
    expect(await errorOf(page, "New password")).toContain("This password is too common");

    const fresh = `Fresh meadow ${Date.now()} kites`;
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("Confirm new password").fill(fresh);
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(flash(page, "Your password has been reset. Sign in with your new password.")).toBeVisible();

    expect(await sessionsOf((await findUser(user.username))!.id)).toHaveLength(0);
    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/login/);
    await elsewhere.context().close();
    const notice = await mail({ to: user.email, subject: /password was changed/i, after: started });
    expect(notice.text).toContain(user.username);

    await page.goto(link);
    await expect(page.getByText(INVALID_LINK)).toBeVisible();
    await signIn(page, user.username, fresh);
  });

  test("expired and forged reset links, and a link from before the password changed, are refused", async ({ page, user, mail }) => {
    const requestLink = async () => {
      const started = new Date(Date.now() - 1000);
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(user.email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status").filter({ hasText: RESET_SENT })).toBeVisible();
      return linkIn(await mail({ to: user.email, subject: /reset/i, after: started }), "/reset-password");
    };
    const userId = (await findUser(user.username))!.id;

    const expiring = await requestLink();
    await expireLinksOf(userId);
    await page.goto(expiring);
    await expect(page.getByText(EXPIRED_LINK)).toBeVisible();

    await page.goto("/reset-password?token=" + "x".repeat(43));
    await expect(page.getByText(INVALID_LINK)).toBeVisible();
    await page.goto("/reset-password");
    await expect(page.getByText(INVALID_LINK)).toBeVisible();

    // A link from before a password change no longer works.
    const stale = await requestLink();
    await signIn(page, user.username, user.password);
    const changed = `Brand new ${Date.now()} harbour`;
    await openSettings(page, "Change password");
    await page.getByLabel("Current password").first().fill(user.password);
    await page.getByLabel("New password", { exact: true }).fill(changed);
    await page.getByLabel("Confirm new password").fill(changed);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(flash(page, "Your password has been changed.")).toBeVisible();
    await page.goto(stale);
    await expect(page.getByText(INVALID_LINK)).toBeVisible();
  });

  test("finding 7: a stranger cannot silence the owner's password reset", async ({ page, browser, user, mail, mails }) => {
    const started = new Date(Date.now() - 1000);
    const stranger = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "x-forwarded-for": newIp() } });
    const strangerPage = await stranger.newPage();
    for (let i = 0; i < 5; i++) {
      await strangerPage.goto("/forgot-password");
      await strangerPage.getByLabel("Email").fill(user.email);
      await strangerPage.getByRole("button", { name: "Send reset link" }).click();
      // The stranger's network may ask MAIL_MAX_PER_HOUR times an hour; then it is told to wait.
      await expect(
        strangerPage.getByRole("status").filter({ hasText: RESET_SENT }).or(strangerPage.getByRole("alert").filter({ hasText: "Too many attempts" })),
      ).toBeVisible();
    }
    await stranger.close();
    // Mail goes out up to 1.5 s after the answer.
    await page.waitForTimeout(2_000);
    const sent = (await mails({ to: user.email, subject: /reset/i, after: started })).length;
    // The stranger's network used up its own quota for the address, spaced in time.
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(Number(E2E_LIMITS.MAIL_MAX_PER_HOUR));

    // Once the spacing (1 s, doubling per mail) has passed, the owner's own request is mailed.
    await page.waitForTimeout(1_000 * 2 ** (sent - 1));
    const asked = new Date();
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: RESET_SENT })).toBeVisible();
    await page.goto(linkIn(await mail({ to: user.email, subject: /reset/i, after: asked }), "/reset-password"));
    await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
  });

  test("finding 7: requests from many networks cannot flood one address", async ({ browser, request, baseURL, user, mails }) => {
    const hidden = await actionFields(browser, "/forgot-password");
    const started = new Date(Date.now() - 1000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        request.post(`${baseURL}/forgot-password`, {
          headers: { origin: baseURL!, "x-forwarded-for": newIp() },
          multipart: { ...Object.fromEntries(hidden), email: user.email },
        }),
      ),
    );
    for (const answer of answers) expect(await answer.text()).toContain(RESET_SENT);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    // Spaced 1 s, then 2 s: at most two in the 1.5 s over which the ten were mailed.
    const sent = (await mails({ to: user.email, subject: /reset/i, after: started })).length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(2);
  });

  test("the form checks the address next to the field", async ({ page }) => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill("not-an-address");
    await page.getByRole("button", { name: "Send reset link" }).click();
    expect(await errorOf(page, "Email")).toContain("Enter a valid email address");
  });
});

test.describe("settings", () => {
  test("changing the password asks for the current one and signs out the other sessions", async ({ page, browser, user, mail }) => {
    const elsewhere = await signedInElsewhere(browser, user);
    await signIn(page, user.username, user.password);
    await openSettings(page, "Change password");

    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
    const next = `Quiet orchard ${Date.now()} lamps`;
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("Confirm new password").fill(next);
    await form.getByRole("button", { name: "Change password" }).click();
    expect(await errorOf(form, "Current password")).toContain("Your current password is not correct");

    const started = new Date(Date.now() - 1000);
    await form.getByLabel("Current password").fill(user.password);
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("Confirm new password").fill(next);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(flash(page, "Your password has been changed. Your other sessions were signed out.")).toBeVisible();
    expect(await sessionsOf((await findUser(user.username))!.id)).toHaveLength(1);

    // This session goes on; the other one is over.
    await page.goto("/dashboard");
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/login/);
    await elsewhere.context().close();
    await mail({ to: user.email, subject: /password was changed/i, after: started });
  });

  test("changing the email needs the password and a link opened from the new address; the old one is told", async ({ page, user, mail }) => {
    await signIn(page, user.username, user.password);
    await openSettings(page, "Change email");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change email" }) });
    const taken = newUser();
    const other = await signUpOther(page.context().browser()!, taken);
    await other.close();

    await form.getByLabel("New email").fill(taken.email);
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Change email" }).click();
    expect(await errorOf(form, "New email")).toContain("An account with this email already exists");

    const newEmail = `moved.${Date.now()}@example.com`;
    await form.getByLabel("New email").fill(newEmail);
    await form.getByLabel("Current password").fill("wrong password");
    await form.getByRole("button", { name: "Change email" }).click();
    expect(await errorOf(form, "Current password")).toContain("Your current password is not correct");

    const started = new Date(Date.now() - 1000);
    await form.getByLabel("New email").fill(newEmail);
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Change email" }).click();
    await expect(flash(page, "We sent a confirmation link to your new address.")).toBeVisible();
    // Nothing changes until the link is opened.
    expect((await findUser(user.username))!.email).toBe(user.email.toLowerCase());

    const link = linkIn(await mail({ to: newEmail, subject: /Confirm your new email/i, after: started }), "/verify-email");
    await page.goto(link);
    await expect(flash(page, "Your email address has been changed.")).toBeVisible();
    expect((await findUser(user.username))!.email).toBe(newEmail);
    expect((await findUserByEmail(newEmail))!.emailVerified).toBeTruthy();
    const notice = await mail({ to: user.email, subject: /email address was changed/i, after: started });
    expect(notice.text).toContain(newEmail);

    // The new address signs in; the old one does not.
    await signOut(page);
    await signIn(page, newEmail, user.password);
  });

  test("the sessions list shows each sign-in and signs them out one by one or all at once", async ({ page, browser, user }) => {
    const first = await signedInElsewhere(browser, user);
    const second = await signedInElsewhere(browser, user);
    await signIn(page, user.username, user.password);
    await openSettings(page, "Sessions");

    const list = page.getByRole("list", { name: "Active sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(3);
    await expect(list.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
    await expect(list).toContainText("Chrome");
    await expect(list).toContainText("Signed in");
    await expect(list).toContainText("Last seen");

    await list.getByRole("button", { name: /^Sign out / }).first().click();
    await expect(flash(page, "That session has been signed out.")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(2);

    await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await expect(flash(page, "All your other sessions have been signed out.")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);
    expect(await sessionsOf((await findUser(user.username))!.id)).toHaveLength(1);

    for (const other of [first, second]) {
      await other.reload();
      await expect(other).toHaveURL(/\/login/);
      await other.context().close();
    }
    await page.goto("/dashboard");
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  });

  test("deleting the account asks for the username and password, removes everything and says goodbye", async ({ page, browser, user }) => {
    const elsewhere = await signedInElsewhere(browser, user);
    await signIn(page, user.username, user.password);
    const userId = (await findUser(user.username))!.id;
    await openSettings(page, "Delete account");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Delete account" }) });

    await form.getByLabel("Type your username to confirm").fill("someone_else");
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Delete account" }).click();
    expect(await errorOf(form, "Type your username to confirm")).toContain(`Type your username, ${user.username}, to confirm`);

    await form.getByLabel("Type your username to confirm").fill(user.username);
    await form.getByLabel("Current password").fill("not it");
    await form.getByRole("button", { name: "Delete account" }).click();
    await expect(form.getByText("Your current password is not correct")).toBeVisible();
    expect(await findUser(user.username)).toBeDefined();

    await form.getByLabel("Type your username to confirm").fill(user.username);
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Delete account" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(flash(page, "Your account and all its data have been deleted. Goodbye!")).toBeVisible();
    expect(await findUser(user.username)).toBeUndefined();
    expect(await sessionsOf(userId)).toHaveLength(0);
    expect(await linksOf(userId)).toHaveLength(0);

    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/login/);
    await elsewhere.context().close();
    await page.goto("/login");
    await fillSignIn(page, user.username, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email/username or password" })).toBeVisible();
  });
});

/** Signs a second user up in their own browser; returns that browser context. */
async function signUpOther(browser: Browser, user: TestUser) {
  const context = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "x-forwarded-for": newIp() } });
  await signUp(await context.newPage(), user);
  return context;
}

test.describe("REQUIRE_VERIFIED_EMAIL=true", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(6);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { TRUST_PROXY: "1", REQUIRE_VERIFIED_EMAIL: "true" });
  });
  test.afterAll(() => server?.stop());

  test("with no identity provider configured, no page offers one", async ({ page, user }) => {
    const base = `http://localhost:${port}`;
    for (const path of ["/login", "/signup"]) {
      await page.goto(`${base}${path}`);
      await expect(page.getByRole("button", { name: /^Continue with/ })).toHaveCount(0);
    }
    await page.goto(`${base}/login`);
    await fillSignIn(page, user.username, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`${base}/dashboard/settings`);
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveCount(7);
    await expect(page.getByRole("link", { name: "Connected accounts" })).toHaveCount(0);
    expect((await page.goto(`${base}/dashboard/settings/connected-accounts`))!.status()).toBe(404);
  });

  test("the dashboard waits until the address is verified", async ({ page, mail }) => {
    const user = newUser();
    const started = new Date(Date.now() - 1000);
    await page.goto(`http://localhost:${port}/signup`);
    await page.getByLabel("Username").fill(user.username);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByLabel("Confirm password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
    await expect(page.getByText("Open it to start using your account.")).toBeVisible();
    await expect(page.getByText(`Welcome, ${user.username}`)).toHaveCount(0);
    await page.goto(`http://localhost:${port}/dashboard/profile`);
    await expect(page.getByText("Account created")).toHaveCount(0);

    await page.goto(linkIn(await mail({ to: user.email, subject: /Confirm your email address/, after: started }), "/verify-email"));
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  });
});
