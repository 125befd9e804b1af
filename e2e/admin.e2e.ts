import type { Browser, BrowserContext, Page } from "@playwright/test";
import { extraPort } from "../playwright.config";
import { adminCli } from "./fixtures/admin";
import { accountState, activityEventExists, activityOf, ageSessionsOf, findUser, insertActivityEvent, insertUser, setUserTimes } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { setUpTwoFactor } from "./fixtures/two-factor";
import { expect, fillSignIn, newIp, newUser, openSettings, signIn, test } from "./fixtures/test";

// The admin area: roles from the command line, every admin page and action refused to
// everyone else, and each admin action seen from the affected person's own browser.

/** A new account made an admin from the command line, signed in on `page`. */
async function signedInAdmin(page: Page) {
  const admin = newUser();
  const id = await insertUser(admin);
  expect(adminCli("promote", admin.username)).toEqual({ code: 0, output: `${admin.username} is now an admin.\n` });
  await signIn(page, admin.username, admin.password);
  return { ...admin, id };
}

/** Another person in their own browser (own cookies, own address). */
async function ownBrowser(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": newIp() } });
  return { context, page: await context.newPage() };
}

async function newMember() {
  const user = newUser();
  return { ...user, id: await insertUser(user) };
}

const actionForm = (page: Page, button: string) => page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });

async function adminAction(page: Page, button: string, done: string) {
  await actionForm(page, button).getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: done })).toBeVisible();
}

test("promoted from the command line, an admin reaches the admin area; demoted, they get 403", async ({ page }) => {
  const admin = await signedInAdmin(page);
  expect((await accountState(admin.id))?.role).toBe("admin");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: /^Users/ })).toBeVisible();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();

  // Another admin first, so that this one is never the last (the last-admin rule has a unit test on a database of its own).
  const second = await newMember();
  expect(adminCli("promote", second.email)).toMatchObject({ code: 0 });
  expect(adminCli("promote", "nobody-at-all")).toMatchObject({ code: 1, output: expect.stringContaining('No account has the email or username "nobody-at-all".') });
  expect(adminCli("demote", admin.email)).toEqual({ code: 0, output: `${admin.username} is no longer an admin.\n` });
  expect((await accountState(admin.id))?.role).toBe("user");
  expect((await activityOf(admin.id)).map((e) => e.type)).toEqual(expect.arrayContaining(["role.promoted", "role.demoted"]));
  const response = await page.goto("/admin/users");
  expect(response!.status()).toBe(403);
  await expect(page.getByText("You do not have access to this page.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("anyone else gets 403 from every admin page and admin action, and an anonymous visitor is sent to sign in", async ({ page, browser, baseURL }) => {
  await signedInAdmin(page);
  const target = await newMember();
  const member = await newMember();
  const { context, page: memberPage } = await ownBrowser(browser);
  await signIn(memberPage, member.username, member.password);
  await expect(memberPage.getByRole("link", { name: "Admin" })).toHaveCount(0);

  for (const path of ["/admin", "/admin/users", `/admin/users/${target.id}`, "/admin/activity", "/admin/users?search=a&page=2"]) {
    const response = await memberPage.goto(path);
    expect(response!.status(), path).toBe(403);
    await expect(memberPage.getByText("You do not have access to this page.")).toBeVisible();
    await expect(memberPage.getByRole("table")).toHaveCount(0);
  }

  // The admin's own "Lock account" form, posted as the member would post it by hand.
  await page.goto(`/admin/users/${target.id}`);
  const noScript = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  const adminView = await noScript.newPage();
  await adminView.goto(`${baseURL}/admin/users/${target.id}`);
  const hidden = await actionForm(adminView, "Lock account")
    .locator("input[type=hidden]")
    .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as [string, string]));
  await noScript.close();
  expect(hidden.map(([name]) => name)).toEqual(expect.arrayContaining(["userId", "action"]));
  const post = await memberPage.request.post(`${baseURL}/admin/users/${target.id}`, {
    headers: { origin: baseURL! },
    multipart: Object.fromEntries(hidden),
    maxRedirects: 0,
  });
  // Refused before anything is read (Next.js answers a refused form post without JavaScript
  // with its 404 page), and nothing changed.
  expect([403, 404]).toContain(post.status());
  expect(post.headers().location).toBeUndefined();
  expect((await accountState(target.id))?.lockedAt).toBeNull();
  expect((await activityOf(target.id)).filter((e) => e.type.startsWith("admin."))).toEqual([]);
  await context.close();

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(`${baseURL}/admin/users/${target.id}`);
  await expect(visitor).toHaveURL(`${baseURL}/login?callbackUrl=${encodeURIComponent(`/admin/users/${target.id}`)}`);
  await anonymous.close();
});

test("the user list: search by username or email in any case, 25 a page with next and previous, sorted by created or last seen", async ({ page }) => {
  await signedInAdmin(page);
  const tag = `pg${Date.now().toString(36)}`;
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < 60; i++) {
    const person = { username: `${tag}_${String(i).padStart(2, "0")}`, email: `${tag}.${i}@example.com`, password: "not-used-here-1" };
    const id = await insertUser(person, 4);
    // Made one day apart; seen in the opposite order (the newest account was seen longest ago).
    await setUserTimes(id, { createdAt: new Date(start + i * 86_400_000), lastSeenAt: new Date(start + (120 - i) * 86_400_000) });
  }
  const rows = page.getByRole("table").locator("tbody tr");
  const firstName = () => rows.first().getByRole("link").innerText();

  await page.goto("/admin/users");
  await page.getByLabel("Search").fill(tag.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Users (60)" })).toBeVisible();
  await expect(rows).toHaveCount(25);
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  // Newest first by default.
  expect(await firstName()).toBe(`${tag}_59`);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await expect(rows).toHaveCount(25);
  expect(await firstName()).toBe(`${tag}_34`);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText("Page 3 of 3")).toBeVisible();
  await expect(rows).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();

  // Created, newest first, is the default: its link turns it around, and back.
  await page.getByRole("link", { name: "Sort by created" }).click();
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  await expect(rows.first()).toContainText(`${tag}_00`);
  await page.getByRole("link", { name: "Sort by created" }).click();
  await expect(rows.first()).toContainText(`${tag}_59`);
  await page.getByRole("link", { name: "Sort by last seen" }).click();
  await expect(rows.first()).toContainText(`${tag}_00`);
  await page.getByRole("link", { name: "Sort by last seen" }).click();
  await expect(rows.first()).toContainText(`${tag}_59`);

  // By email, one match; and a search that matches nothing.
  await page.goto(`/admin/users?search=${encodeURIComponent(`${tag}.7@EXAMPLE.com`)}`);
  await expect(page.getByRole("heading", { name: "Users (1)" })).toBeVisible();
  await expect(rows.first()).toContainText(`${tag}_07`);
  await page.goto(`/admin/users?search=${tag}-nothing`);
  await expect(page.getByText("No users match.")).toBeVisible();
});

test("sign out everywhere, lock and unlock: the effects show in the person's own browser, and each is in both activity logs", async ({ page, browser }) => {
  const admin = await signedInAdmin(page);
  const target = await newMember();
  const { context, page: own } = await ownBrowser(browser);
  const device = await context.newCDPSession(own);
  await device.send("WebAuthn.enable");
  const { authenticatorId } = await device.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  // Off while the person types their password, so that passkey autofill does not answer first.
  const answers = (enabled: boolean) => device.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
  await signIn(own, target.username, target.password);
  await openSettings(own, "Passkeys");
  await own.getByLabel("Passkey name").fill("Laptop");
  await own.getByRole("button", { name: "Add a passkey" }).click();
  await expect(own.getByText("Your passkey is added. You can sign in with it.")).toBeVisible();
  await answers(false);

  await page.goto(`/admin/users/${target.id}`);
  await expect(page.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(1);
  await adminAction(page, "Sign out everywhere", "Every session of this user has ended.");
  await own.reload();
  await expect(own).toHaveURL(/\/login/);

  await signIn(own, target.username, target.password);
  await page.reload();
  await adminAction(page, "Lock account", "The account is locked, and every session of it has ended.");
  await expect(page.getByText(/Locked since/)).toBeVisible();
  expect((await accountState(target.id))?.lockedAt).not.toBeNull();
  await own.reload();
  await expect(own).toHaveURL(/\/login/);
  // The right password is told the truth; a wrong one learns nothing.
  await own.goto("/login");
  await fillSignIn(own, target.username, "not the password");
  await own.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(own.getByRole("alert").filter({ hasText: "Invalid email/username or password" })).toBeVisible();
  await fillSignIn(own, target.username, target.password);
  await own.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(own.getByRole("alert").filter({ hasText: "This account is locked." })).toBeVisible();
  await expect(own).toHaveURL(/\/login$/);
  // Nor does a passkey open it.
  await own.goto("/login");
  await answers(true);
  await own.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(own.getByRole("alert").filter({ hasText: "This account is locked." })).toBeVisible();
  await answers(false);
  await own.goto("/dashboard");
  await expect(own).toHaveURL(/\/login/);

  await page.reload();
  await adminAction(page, "Unlock account", "The account is unlocked.");
  await signIn(own, target.username, target.password);

  // Both activity logs name what happened and who did it.
  await openSettings(own, "Recent activity");
  const personal = own.getByRole("list", { name: "Recent activity" });
  await expect(personal.getByText("Account unlocked by an admin")).toBeVisible();
  await expect(personal.getByText("Account locked by an admin")).toBeVisible();
  await expect(personal.getByText("Signed out everywhere by an admin")).toBeVisible();
  await expect(personal.getByText("Sign-in refused: the account is locked").first()).toBeVisible();
  await page.goto(`/admin/activity?type=admin.locked&user=${target.username}`);
  const row = page.getByRole("table").locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Account locked by an admin");
  await expect(row).toContainText(target.username);
  await expect(row).toContainText(admin.username);
  await context.close();
});

test("resend verification, reset two-factor and delete: each takes effect for the person", async ({ page, browser, mail }) => {
  await signedInAdmin(page);
  const target = await newMember();
  const { context, page: own } = await ownBrowser(browser);
  await signIn(own, target.username, target.password);
  await setUpTwoFactor(own);

  const started = new Date(Date.now() - 1000);
  await page.goto(`/admin/users/${target.id}`);
  await adminAction(page, "Resend verification email", "A new verification link is on its way to the user.");
  await mail({ to: target.email, subject: /Confirm your email address/, after: started });

  await adminAction(page, "Reset two-factor", "Two-factor authentication is off for this user; they can set it up again.");
  await own.context().clearCookies();
  // No second step any more: the password alone reaches the dashboard.
  await signIn(own, target.username, target.password);

  await page.reload();
  const form = actionForm(page, "Delete account");
  await form.getByLabel("Type the username to confirm").fill("someone-else");
  await form.getByRole("button", { name: "Delete account" }).click();
  await expect(form.getByText(`Type ${target.username} to confirm`)).toBeVisible();
  expect(await findUser(target.username)).toBeDefined();
  await form.getByLabel("Type the username to confirm").fill(target.username);
  await form.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByText("The account and all its data are deleted.")).toBeVisible();
  expect(await findUser(target.username)).toBeUndefined();
  await own.reload();
  await expect(own).toHaveURL(/\/login/);
  await context.close();
});

test("admin actions need a sign-in or confirmation from the last ten minutes", async ({ page }) => {
  const admin = await signedInAdmin(page);
  const target = await newMember();
  await ageSessionsOf(admin.id, 60);
  await page.goto(`/admin/users/${target.id}`);
  await expect(page.getByText("For your security, confirm it is you before you change anyone's account.")).toBeVisible();
  await actionForm(page, "Sign out everywhere").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "For your security, confirm it is you first" })).toBeVisible();

  await page.getByLabel("Current password").fill("not my password");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("Your current password is not correct")).toBeVisible();
  await page.getByLabel("Current password").fill(admin.password);
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("For your security, confirm it is you before you change anyone's account.")).toHaveCount(0);
  await adminAction(page, "Lock account", "The account is locked, and every session of it has ended.");
  expect((await accountState(target.id))?.lockedAt).not.toBeNull();
});

test("settings show the person's recent activity with device and address, and a way out if it was not them", async ({ page, browser, user }) => {
  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const elsewhere = await other.newPage();
  await elsewhere.goto(`${test.info().project.use.baseURL}/login`);
  await fillSignIn(elsewhere, user.username, "a wrong password");
  await elsewhere.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(elsewhere.getByRole("alert").filter({ hasText: "Invalid email/username or password" })).toBeVisible();
  await other.close();

  await signIn(page, user.username, user.password);
  await openSettings(page, "Recent activity");
  const list = page.getByRole("list", { name: "Recent activity" });
  await expect(list.getByRole("listitem").first()).toContainText(/Signed in (with a password|from a new device)/);
  await expect(list.getByText("Signed in with a password")).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: "Failed sign-in" })).toContainText("203.0.113.77");
  await expect(list.getByRole("listitem").filter({ hasText: "Signed in with a password" })).toContainText(/Chrome \d+ on \w+/);
  await page.getByRole("link", { name: "Change your password" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings\/password$/);
});

test("a sign-in from a browser the account has not used before mails the person once", async ({ page, browser, user, mail, mails }) => {
  const started = new Date(Date.now() - 1000);
  await signIn(page, user.username, user.password);
  const first = await mail({ to: user.email, subject: /New sign-in to your Front Door account/, after: started });
  expect(first.text).toMatch(/Device: Chrome \d+ on \w+/);
  expect(first.text).toContain("IP address: ");
  // The same browser again: nothing new.
  await page.context().clearCookies({ name: "authjs.session-token" });
  await signIn(page, user.username, user.password);
  // Another browser: a second mail.
  const { context, page: second } = await ownBrowser(browser);
  await signIn(second, user.username, user.password);
  await expect.poll(async () => (await mails({ to: user.email, subject: /New sign-in/, after: started })).length).toBe(2);
  await context.close();
  expect((await activityOf((await findUser(user.username))!.id)).filter((e) => e.type === "signin.new_device")).toHaveLength(2);
});

test.describe("ACTIVITY_RETENTION_DAYS=1 and NEW_DEVICE_MAIL=false", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(18);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { TRUST_PROXY: "1", ACTIVITY_RETENTION_DAYS: "1", NEW_DEVICE_MAIL: "false" });
  });
  test.afterAll(() => server?.stop());

  test("the app prunes events older than the retention by itself, and sends no new-device mail", async ({ page, user, mails }) => {
    const userId = (await findUser(user.username))!.id;
    const old = `old-${userId}`;
    const recent = `recent-${userId}`;
    await insertActivityEvent(old, userId, "signin.success", 30);
    await insertActivityEvent(recent, userId, "signin.success", 12);
    const started = new Date(Date.now() - 1000);
    // This server's first event prunes (then at most once an hour).
    await page.goto(`http://localhost:${port}/login`);
    await fillSignIn(page, user.username, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect.poll(() => activityEventExists(old)).toBe(false);
    expect(await activityEventExists(recent)).toBe(true);
    // A new browser for this account, recorded, but not mailed.
    await expect.poll(async () => (await activityOf(userId)).some((e) => e.type === "signin.new_device")).toBe(true);
    // (A mail would go out right after the answer; give it the time it would take.)
    await page.waitForTimeout(1500);
    expect(await mails({ to: user.email, subject: /New sign-in/, after: started })).toEqual([]);
  });
});
