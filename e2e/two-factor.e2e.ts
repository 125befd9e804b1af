import type { Page } from "@playwright/test";
import { extraPort } from "../playwright.config";
import { type ExtraServer, startServer } from "./fixtures/server";
import { codeFor, passwordStep, setUpTwoFactor, STEP_MS } from "./fixtures/two-factor";
import { expect, fillSignIn, newIp, openSettings, signOut, test, type TestUser } from "./fixtures/test";

// Two-factor sign-in with an authenticator app: the test plays the app, computing codes from the
// key the set-up page shows.

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Enters a code the server refuses, and waits for its answer (the form clears the field). */
async function enterWrongCode(page: Page, code: string) {
  await enterCode(page, code);
  await expect(page.getByLabel("Code")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Verify" })).toBeEnabled();
}

async function signInUser(page: Page, user: TestUser) {
  await page.goto("/login");
  await fillSignIn(page, user.username, user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("set-up with the app's first code, then every sign-in asks for a code; a code is used once", async ({ page, user }) => {
  await signInUser(page, user);
  const { secret } = await setUpTwoFactor(page);
  await signOut(page);

  await passwordStep(page, user, true);
  // The pending sign-in is not a session: nothing protected opens.
  for (const path of ["/dashboard", "/dashboard/settings/sessions"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toMatch(/^\/login/);
  }
  const next = codeFor(secret, 1);
  await enterCode(page, next);
  await expect(page).toHaveURL(/\/dashboard$/);
  // "Remember me" from the first step carried over.
  const cookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
  await signOut(page);

  // The same code, or one of an earlier step, is a replay.
  await passwordStep(page, user);
  for (const replay of [next, codeFor(secret)]) {
    await enterWrongCode(page, replay);
    await expect(page.getByText("Invalid code")).toBeVisible();
  }
  await expect(page).toHaveURL(/\/login\/two-factor$/);
});

test("five wrong codes end the pending sign-in", async ({ page, user }) => {
  await signInUser(page, user);
  await setUpTwoFactor(page);
  await signOut(page);
  await passwordStep(page, user);
  // Wrong codes count like wrong passwords (the test servers wait 1 s after the 3rd, 2 s after the 4th).
  for (const wait of [0, 0, 0, 1_100]) {
    await page.waitForTimeout(wait);
    await enterWrongCode(page, "000000");
  }
  await page.waitForTimeout(2_100);
  await enterCode(page, "000000");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Too many wrong codes. Please sign in again.")).toBeVisible();
  await page.goto("/login/two-factor");
  await expect(page).toHaveURL(/\/login$/);
});

test("a recovery code signs in once and mails a notice; regenerating voids the old set", async ({ page, user, mail }) => {
  await signInUser(page, user);
  const { recoveryCodes } = await setUpTwoFactor(page);
  await signOut(page);

  const started = new Date(Date.now() - 1000);
  await passwordStep(page, user);
  await enterCode(page, recoveryCodes[0]!.toUpperCase());
  await expect(page).toHaveURL(/\/dashboard$/);
  const notice = await mail({ to: user.email, subject: /recovery code was used/i, after: started });
  expect(notice.text).toContain("9 codes are left");
  await openSettings(page, "Two-factor authentication");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 of 10");

  // Used once: not again.
  await signOut(page);
  await passwordStep(page, user);
  await enterWrongCode(page, recoveryCodes[0]!);
  await expect(page.getByText("Invalid code")).toBeVisible();
  await enterCode(page, recoveryCodes[1]!);
  await expect(page).toHaveURL(/\/dashboard$/);

  // A new set (the sign-in is recent, so no password is asked): the old codes are void.
  await openSettings(page, "Two-factor authentication");
  await page.getByRole("button", { name: "Regenerate" }).click();
  const freshList = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(freshList).toHaveCount(10);
  const fresh = await freshList.allInnerTexts();
  await signOut(page);
  await passwordStep(page, user);
  await enterWrongCode(page, recoveryCodes[2]!);
  await expect(page.getByText("Invalid code")).toBeVisible();
  await enterCode(page, fresh[0]!);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("turning two-factor off needs the password and a code, and mails a notice", async ({ page, user, mail }) => {
  await signInUser(page, user);
  const { secret } = await setUpTwoFactor(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Turn off two-factor authentication" }) });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("Code from your app or a recovery code").fill(codeFor(secret, 1));
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(form.getByText("Your current password is not correct")).toBeVisible();

  const started = new Date(Date.now() - 1000);
  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("Code from your app or a recovery code").fill(codeFor(secret, 1));
  await form.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(page.getByText("Two-factor authentication is off.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
  await mail({ to: user.email, subject: /Two-factor sign-in was turned off/, after: started });

  await signOut(page);
  await signInUser(page, user);
});

test.describe("REQUIRE_TWO_FACTOR=true", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(17);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { TRUST_PROXY: "1", REQUIRE_TWO_FACTOR: "true" });
  });
  test.afterAll(() => server?.stop());

  test("a person without two-factor is sent to set it up before the dashboard opens", async ({ browser, user }) => {
    const context = await browser.newContext({ baseURL: `http://localhost:${port}`, extraHTTPHeaders: { "x-forwarded-for": newIp() } });
    const page = await context.newPage();
    await page.goto("/login");
    await fillSignIn(page, user.username, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard\/settings\/two-factor$/);
    for (const path of ["/dashboard", "/dashboard/profile", "/dashboard/settings/sessions"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/dashboard\/settings\/two-factor$/);
    }
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    const secret = (await page.getByTestId("secret-key").innerText()).replace(/\s+/g, "");
    await page.getByLabel("Code").fill(codeFor(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("link", { name: "I have saved these codes" }).click();
    await page.goto("/dashboard");
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
    await context.close();
  });
});
