import { REHASH_PORT } from "../playwright.config";
import { actionFields } from "./fixtures/actions";
import { findUser, sessionsOf } from "./fixtures/db";
import { errorOf, expect, fillSignIn, newUser, signIn, test } from "./fixtures/test";

const INVALID = "Invalid email/username or password";

test("a wrong password and an unknown account get the same message", async ({ page, user }) => {
  for (const [identifier, password] of [
    [user.email, `${user.password}x`],
    [user.username, "not the password"],
    [newUser().email, user.password],
    ["nobody_here", user.password],
  ]) {
    await page.goto("/login");
    await fillSignIn(page, identifier, password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: INVALID })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    // What was typed stays, except the password.
    await expect(page.getByLabel("Email or username")).toHaveValue(identifier);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  }
});

test("empty sign-in fields get messages next to them", async ({ page }) => {
  await page.goto("/login");
  // Password managers fill these fields (and the browser offers passkeys on the first).
  await expect(page.getByLabel("Email or username")).toHaveAttribute("autocomplete", "username webauthn");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("autocomplete", "current-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(await errorOf(page, "Email or username")).toContain("Enter your email or username");
  expect(await errorOf(page, "Password")).toContain("Enter your password");
});

test("the browser checks the form with the shared schema, loaded on first focus, without posting", async ({ page }) => {
  const scripts: string[] = [];
  const formPosts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
    // (The first focus also asks for passkey autofill options: a POST without the form's fields.)
    if (request.method() === "POST" && /name="[^"]*(identifier|password)"/.test(request.postData() ?? "")) formPosts.push(request.url());
  });
  await page.goto("/login", { waitUntil: "networkidle" });
  const atLoad = scripts.length;
  // zod and the schemas are not part of the page's first load...
  await page.getByLabel("Email or username").focus();
  await expect.poll(() => scripts.length).toBeGreaterThan(atLoad);
  // ...and once loaded they check the fields in the browser, as the server would.
  await page.getByLabel("Email or username").fill("   ");
  await page.getByLabel("Password", { exact: true }).focus();
  expect(await errorOf(page, "Email or username")).toContain("Enter your email or username");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(await errorOf(page, "Password")).toContain("Enter your password");
  expect(formPosts).toEqual([]);
});

test("if the schema cannot be loaded, the form still posts and the server's messages show", async ({ page }) => {
  await page.goto("/login", { waitUntil: "networkidle" });
  // The connection drops after the page loaded: the schema's chunk never arrives.
  await page.route("**/*.js", (route) => route.abort());
  const posted = page.waitForRequest((request) => request.method() === "POST");
  await page.getByLabel("Email or username").focus();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await posted;
  expect(await errorOf(page, "Email or username")).toContain("Enter your email or username");
  expect(await errorOf(page, "Password")).toContain("Enter your password");
});

test("a password over 72 bytes is refused at sign-in, never matched on its first 72 bytes", async ({ page }) => {
  const prefix = "ü".repeat(36); // 72 bytes in UTF-8
  const user = newUser({ password: prefix });
  await page.goto("/signup");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(prefix);
  await page.getByLabel("Confirm password").fill(prefix);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.context().clearCookies();

  await page.goto("/login");
  await fillSignIn(page, user.email, `${prefix}!`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(await errorOf(page, "Password")).toMatch(/at most 72 bytes/);
  await expect(page).toHaveURL(/\/login$/);
});

test("after sign-in the user goes to a same-origin callbackUrl", async ({ page, user }) => {
  const response = await page.request.get("/dashboard/profile?tab=1", { maxRedirects: 0 });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toBe("/login?callbackUrl=%2Fdashboard%2Fprofile%3Ftab%3D1");
  expect(await response.text()).not.toContain("Profile");

  await page.goto("/dashboard/profile?tab=1");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await fillSignIn(page, user.email, user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard\/profile\?tab=1$/);
});

test("open-redirect attempts through callbackUrl land on the dashboard", async ({ page, user }) => {
  const attempts = ["//evil.example", "/\\evil.example", "/\t/evil.example", "/.//evil.example", "https://evil.example/", "javascript:alert(1)", "http:evil.example"];
  for (const attempt of attempts) {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(attempt)}`);
    await fillSignIn(page, user.email, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page, attempt).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
    await page.context().clearCookies();
  }
});

test("without Remember me the session cookie ends with the browser", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toBeDefined();
  expect(cookie!.expires).toBe(-1);
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe("Lax");

  // Auth.js re-issues the cookie on its session endpoint; it must stay a browser-session cookie.
  await page.request.get("/api/auth/session");
  const after = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(after!.expires).toBe(-1);
});

test("with Remember me the session cookie lasts 30 days", async ({ page, user }) => {
  await signIn(page, user.email, user.password, true);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  const days = (cookie!.expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThanOrEqual(30.01);
  expect(cookie!.httpOnly).toBe(true);
});

test("every sign-in issues a new session token", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  const first = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))!.value;
  await page.context().clearCookies();
  await signIn(page, user.email, user.password);
  const second = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))!.value;
  expect(second).not.toBe(first);
});

test("sign-in upgrades a stored hash when the configured bcrypt cost changes", async ({ page, user }) => {
  expect((await findUser(user.username))!.passwordHash.startsWith("$2b$10$")).toBe(true);
  // The second server shares the database and is configured with BCRYPT_COST=11.
  await page.goto(`http://localhost:${REHASH_PORT}/login`);
  await fillSignIn(page, user.username, user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const upgraded = (await findUser(user.username))!.passwordHash;
  expect(upgraded.startsWith("$2b$11$")).toBe(true);

  // The upgraded hash still works on the first server.
  await page.context().clearCookies();
  await signIn(page, user.email, user.password);
});

test("the sign-in form works from the keyboard alone", async ({ page, user }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // app name
  const identifier = page.getByLabel("Email or username");
  for (let i = 0; i < 5 && !(await identifier.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(identifier).toBeFocused();
  await page.keyboard.type(user.username);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(user.password);
  await page.keyboard.press("Tab"); // show/hide toggle
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Remember me")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Remember me")).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("signing in again over a live session replaces it instead of leaving it alive", async ({ page, browser, baseURL, user }) => {
  const hidden = await actionFields(browser, "/login");
  await signIn(page, user.email, user.password);
  const userId = (await findUser(user.username))!.id;
  const before = await sessionsOf(userId);
  expect(before).toHaveLength(1);
  // The page would send a signed-in visitor to the dashboard; a direct post still signs in.
  const response = await page.request.post(`${baseURL}/login`, {
    headers: { origin: baseURL! },
    multipart: { ...Object.fromEntries(hidden), identifier: user.username, password: user.password },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  const after = await sessionsOf(userId);
  expect(after).toHaveLength(1);
  expect(after[0]!.id).not.toBe(before[0]!.id);
});
