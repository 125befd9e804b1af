import { encode } from "next-auth/jwt";
import { actionFields, postSignUp } from "./fixtures/actions";
import { findUser, sessionsOf } from "./fixtures/db";
import { expect, newUser, signIn, signOut, test } from "./fixtures/test";

const COOKIE = "authjs.session-token";

test("a session cookie copied before sign-out no longer opens the dashboard", async ({ page, browser, user }) => {
  await signIn(page, user.email, user.password);
  const copied = await page.context().cookies();
  await signOut(page);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/dashboard");
  await expect(thiefPage).toHaveURL(/\/login/);
  await expect(thiefPage.getByText(`Welcome, ${user.username}`)).toHaveCount(0);
  const profile = await thiefPage.request.get("/dashboard/profile", { maxRedirects: 0 });
  expect(await profile.text()).not.toContain(user.email);
  await thief.close();
});

test("signing out of one browser leaves the user's other sessions signed in", async ({ page, browser, user }) => {
  await signIn(page, user.email, user.password);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.username, user.password);
  await signOut(page);
  await otherPage.goto("/dashboard");
  await expect(otherPage.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await other.close();
});

test("the server ends an unremembered session 24 hours after sign-in, whatever the cookie says", async ({
  page,
  browser,
  user,
}) => {
  await signIn(page, user.email, user.password);
  const row = (await findUser(user.username))!;
  const sid = (await sessionsOf(row.id))[0].id;
  const now = Math.floor(Date.now() / 1000);

  const openWith = async (claims: { remember: boolean; signedInAt: number }) => {
    const value = await encode({
      salt: COOKIE,
      secret: process.env.E2E_AUTH_SECRET!,
      maxAge: 30 * 24 * 3600,
      token: { sub: row.id, sid, name: row.username, email: row.email, ...claims },
    });
    const context = await browser.newContext();
    await context.addCookies([{ name: COOKIE, value, url: page.url() }]);
    const tab = await context.newPage();
    await tab.goto("/dashboard");
    const url = tab.url();
    await context.close();
    return new URL(url).pathname;
  };

  expect(await openWith({ remember: false, signedInAt: now - 23 * 3600 })).toBe("/dashboard");
  expect(await openWith({ remember: false, signedInAt: now - 24 * 3600 - 60 })).toBe("/login");
  expect(await openWith({ remember: true, signedInAt: now - 24 * 3600 - 60 })).toBe("/dashboard");
  expect(await openWith({ remember: true, signedInAt: now - 30 * 24 * 3600 - 60 })).toBe("/login");
});

test("a forged or tampered session cookie is refused", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE, value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z", url: baseURL! }]);
  const page = await context.newPage();
  const response = await page.request.get("/dashboard", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toMatch(/^\/login\?callbackUrl=/);
  // The page itself refuses it (middleware runs only without a cookie), and still sends it back here.
  const deep = await page.request.get("/dashboard/settings/sessions?from=mail", { maxRedirects: 0 });
  expect(deep.status()).toBe(307);
  expect(deep.headers().location).toBe("/login?callbackUrl=%2Fdashboard%2Fsettings%2Fsessions%3Ffrom%3Dmail");
  await context.close();
});

test("the sign-out message shows once", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  await signOut(page);
  await expect(page.getByRole("status").filter({ hasText: "You have been signed out" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("You have been signed out")).toHaveCount(0);
});

test("Auth.js's own endpoints refuse a sign-in post without their CSRF token", async ({ request, user }) => {
  const response = await request.post("/api/auth/callback/credentials", {
    form: { identifier: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(500);
  const cookies = response.headers()["set-cookie"] ?? "";
  expect(cookies).not.toContain(`${COOKIE}=ey`);
});

test("finding 9: signing up over a live session ends the older session's row", async ({ page, browser, baseURL, user }) => {
  await signIn(page, user.email, user.password);
  const before = await sessionsOf((await findUser(user.username))!.id);
  expect(before).toHaveLength(1);

  // The same browser posts the sign-up form (the page itself would send it to the dashboard).
  const newcomer = newUser();
  const response = await postSignUp(page.request, baseURL!, await actionFields(browser, "/signup"), newcomer);
  expect(response.status()).toBe(303);
  expect(await sessionsOf((await findUser(user.username))!.id)).toHaveLength(0);
  expect(await sessionsOf((await findUser(newcomer.username))!.id)).toHaveLength(1);
  await page.goto("/dashboard");
  await expect(page.getByText(`Welcome, ${newcomer.username}`)).toBeVisible();
});

test("finding 11: a session token is taken from its cookie only, never from an Authorization header", async ({ page, playwright, baseURL, user }) => {
  await signIn(page, user.email, user.password);
  const token = (await page.context().cookies()).find((cookie) => cookie.name === COOKIE)!.value;
  const bare = await playwright.request.newContext();
  const response = await bare.get(`${baseURL}/dashboard`, { headers: { authorization: `Bearer ${token}` }, maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toMatch(/^\/login\?callbackUrl=/);
  await bare.dispose();
});
