import type { Page } from "@playwright/test";
import { OIDC_NAME } from "../playwright.config";
import { lockAccount, sessionsOf, sql } from "./fixtures/db";
import { expect, fillSignIn, newUser, openSettings, signIn, signOut, test } from "./fixtures/test";

// Sign-in through an identity provider: a real OpenID Connect server (test-support/oidc-server.ts)
// answers for "Test SSO". Any login name signs in there; the name decides the email claims.

const CONTINUE = `Continue with ${OIDC_NAME}`;

/** An address nobody has yet, for a person the test server knows. */
const freshEmail = () => `${newUser().username.toLowerCase()}@sso.example`;

/** At the provider: sign in as `login`, then consent (or refuse to). The provider forgets any earlier sign-in first. */
async function atProvider(page: Page, login: string, { consent = true } = {}) {
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  if (consent) await page.getByRole("button", { name: "Continue" }).click();
  else await page.getByRole("link", { name: /cancel/i }).click();
  await page.waitForURL(/^http:\/\/localhost/);
  await page.context().clearCookies({ domain: "127.0.0.1" });
}

/** From the sign-in page, through the provider, as `login`. */
async function continueWithProvider(page: Page, login: string, options?: { consent?: boolean; remember?: boolean }) {
  await page.goto("/login");
  if (options?.remember) await page.getByLabel("Remember me").check();
  await page.getByRole("button", { name: CONTINUE }).click();
  await atProvider(page, login, options);
}

const userByEmail = async (email: string) =>
  (
    await sql<{ id: string; username: string | null; emailVerified: string | null; passwordHash: string | null }>(
      `SELECT "id", "username", "emailVerified", "passwordHash" FROM "User" WHERE "email" = ?`,
      email,
    )
  )[0];

const accountsOf = (userId: string) => sql(`SELECT * FROM "Account" WHERE "userId" = ?`, userId);

test("the sign-in and sign-up pages offer the configured provider", async ({ page }) => {
  for (const path of ["/login", "/signup"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: CONTINUE })).toBeVisible();
    await expect(page.getByRole("button", { name: /Continue with (GitHub|Google)/ })).toHaveCount(0);
  }
});

test("a new person comes through the provider, chooses a username on /welcome, then reaches the dashboard", async ({ page }) => {
  const email = freshEmail();
  await continueWithProvider(page, email);
  await expect(page).toHaveURL(/\/welcome(\?|$)/);
  const suggested = email.split("@")[0]!;
  await expect(page.getByLabel("Username")).toHaveValue(suggested);

  // Nothing else opens before a username is chosen.
  for (const path of ["/dashboard", "/dashboard/settings", "/dashboard/profile"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/welcome(\?|$)/);
  }

  const username = `Sso_${suggested.slice(-10)}`;
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${username}`)).toBeVisible();

  // The address came verified from the provider; the link keeps no provider tokens.
  const user = (await userByEmail(email))!;
  expect(user.username).toBe(username);
  expect(user.emailVerified).toBeTruthy();
  expect(user.passwordHash).toBeNull();
  const [account] = await accountsOf(user.id);
  expect(account).toMatchObject({ provider: "oidc", providerAccountId: email, type: "oidc" });
  expect(Object.keys(account!).some((column) => /token/i.test(column))).toBe(false);
  expect(await sessionsOf(user.id)).toHaveLength(1);

  // The session is like any other: listed with how it signed in, and it signs out.
  await openSettings(page, "Sessions");
  await expect(page.getByRole("list", { name: "Active sessions" })).toContainText(`Signed in with ${OIDC_NAME}`);
  await signOut(page);
  expect(await sessionsOf(user.id)).toHaveLength(0);

  // Coming back through the provider signs the same account in, straight to the dashboard.
  await continueWithProvider(page, email);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${username}`)).toBeVisible();
});

test("a username is taken or invalid: /welcome says so next to the field", async ({ page, user }) => {
  await continueWithProvider(page, freshEmail());
  await expect(page).toHaveURL(/\/welcome(\?|$)/);
  await page.getByLabel("Username").fill(user.username.toUpperCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That username is taken")).toBeVisible();
  await page.getByLabel("Username").fill("no spaces allowed");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Username may only contain letters a–z, digits and underscores")).toBeVisible();
  await expect(page).toHaveURL(/\/welcome(\?|$)/);
});

test("a provider account whose email belongs to an account is not linked; after a password sign-in it is connected from settings", async ({
  page,
  user,
}) => {
  await continueWithProvider(page, user.email);
  await expect(page).toHaveURL(/\/login/);
  await expect(
    page.getByText(`An account with this email already exists. Sign in with your password, then connect ${OIDC_NAME} in settings.`),
  ).toBeVisible();
  const owner = (await userByEmail(user.email.toLowerCase()))!;
  expect(await accountsOf(owner.id)).toHaveLength(0);

  await fillSignIn(page, user.username, user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await openSettings(page, "Connected accounts");
  await page.getByRole("button", { name: `Connect ${OIDC_NAME}` }).click();
  await atProvider(page, user.email);
  await expect(page.getByText(`${OIDC_NAME} is connected. You can sign in with it.`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Disconnect ${OIDC_NAME}` })).toBeVisible();
  expect(await accountsOf(owner.id)).toHaveLength(1);
  // Connecting kept this session; it made no new one.
  expect(await sessionsOf(owner.id)).toHaveLength(1);

  await signOut(page);
  await continueWithProvider(page, user.email);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
});

test("disconnecting the last way to sign in is refused until a password is set", async ({ page }) => {
  const email = freshEmail();
  await continueWithProvider(page, email);
  const username = `Disc_${Date.now().toString(36)}`;
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await openSettings(page, "Connected accounts");
  await page.getByRole("button", { name: `Disconnect ${OIDC_NAME}` }).click();
  await expect(page.getByText("Set a password before you disconnect your last sign-in method.")).toBeVisible();
  expect(await accountsOf((await userByEmail(email))!.id)).toHaveLength(1);

  const password = `Harbour lights ${Date.now()} north`;
  await openSettings(page, "Change password");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set.")).toBeVisible();

  await openSettings(page, "Connected accounts");
  await page.getByRole("button", { name: `Disconnect ${OIDC_NAME}` }).click();
  await expect(page.getByText(`${OIDC_NAME} is disconnected.`)).toBeVisible();
  expect(await accountsOf((await userByEmail(email))!.id)).toHaveLength(0);
  await signOut(page);
  await signIn(page, email, password);
});

test("a provider without a verified email creates no account", async ({ page }) => {
  const email = freshEmail();
  await continueWithProvider(page, `unverified.${email}`);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(`${OIDC_NAME} did not share a verified email address`)).toBeVisible();
  expect(await userByEmail(email)).toBeUndefined();
});

test("a sign-in the person refuses at the provider returns to /login with a clear message", async ({ page }) => {
  await continueWithProvider(page, freshEmail(), { consent: false });
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(`Sign-in with ${OIDC_NAME} did not complete. Please try again.`)).toBeVisible();
});

test("a tampered state is refused, and the page says the sign-in did not complete", async ({ page }) => {
  const email = freshEmail();
  await page.goto("/login");
  await page.getByRole("button", { name: CONTINUE }).click();
  await page.getByPlaceholder("Enter any login").fill(email);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // What the browser kept of this sign-in's state no longer matches what comes back.
  const context = page.context();
  const state = (await context.cookies()).find((cookie) => cookie.name === "authjs.state")!;
  await context.addCookies([{ ...state, value: `${state.value.slice(0, -4)}AAAA` }]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(`Sign-in with ${OIDC_NAME} did not complete. Please try again.`)).toBeVisible();
  expect(await userByEmail(email)).toBeUndefined();
});

test("Remember me applies to the provider buttons", async ({ page, browser, baseURL }) => {
  const email = freshEmail();
  await continueWithProvider(page, email, { remember: true });
  await expect(page).toHaveURL(/\/welcome(\?|$)/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

  const forgetful = await browser.newContext({ baseURL });
  const other = await forgetful.newPage();
  await continueWithProvider(other, freshEmail());
  await expect(other).toHaveURL(/\/welcome(\?|$)/);
  const browserSession = (await forgetful.cookies()).find((c) => c.name === "authjs.session-token");
  expect(browserSession?.expires).toBe(-1);
  await forgetful.close();
});

test("coming back from a provider is throttled per network", async ({ request, baseURL }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const response = await request.get(`${baseURL}/api/auth/callback/oidc?code=made-up-${i}&state=made-up`, { maxRedirects: 0 });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 30).every((status) => status !== 429 && status < 500)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test("a locked account cannot come in through the provider either", async ({ page }) => {
  const email = freshEmail();
  await continueWithProvider(page, email);
  await page.getByLabel("Username").fill(`Sso_${email.split("@")[0]!.slice(-10)}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const user = (await userByEmail(email))!;
  await lockAccount(user.id);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);

  await continueWithProvider(page, email);
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByRole("alert").filter({ hasText: "This account is locked." })).toBeVisible();
  expect(await sessionsOf(user.id)).toHaveLength(0);
});
