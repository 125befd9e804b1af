import { REHASH_PORT } from "../playwright.config";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { countUsers, findUser } from "./fixtures/db";
import { errorOf, expect, fillSignUp, newIp, newUser, signUp, test } from "./fixtures/test";

test.describe("sign-up form", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/signup");
  });

  test("an empty form shows an error next to every field", async ({ page }) => {
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await errorOf(page, "Username")).toContain("Choose a username");
    expect(await errorOf(page, "Email")).toContain("Enter your email address");
    expect(await errorOf(page, "Password")).toContain("Enter your password");
    expect(await errorOf(page, "Confirm password")).toContain("Confirm your password");
    await expect(page).toHaveURL(/\/signup$/);
  });

  const cases: { name: string; field: string; patch: (u: ReturnType<typeof newUser>) => Partial<ReturnType<typeof newUser>>; confirm?: string; message: RegExp }[] = [
    { name: "short username", field: "Username", patch: () => ({ username: "ab" }), message: /at least 3 characters/ },
    { name: "long username", field: "Username", patch: () => ({ username: "a".repeat(33) }), message: /at most 32 characters/ },
    { name: "username with other characters", field: "Username", patch: () => ({ username: "bad-name!" }), message: /letters a–z, digits and underscores/ },
    { name: "look-alike Cyrillic letter", field: "Username", patch: () => ({ username: "аlice_cyr" }), message: /letters a–z, digits and underscores/ },
    { name: "invalid email", field: "Email", patch: () => ({ email: "not-an-email" }), message: /valid email address/ },
    { name: "short password", field: "Password", patch: () => ({ password: "short1!" }), message: /at least 8 characters/ },
    { name: "password equal to username", field: "Password", patch: (u) => ({ password: u.username.toLowerCase() }), message: /must not be your username/ },
    { name: "password equal to email", field: "Password", patch: (u) => ({ password: u.email }), message: /must not be your email/ },
    { name: "password over 72 bytes of multi-byte text", field: "Password", patch: () => ({ password: "€".repeat(25) }), message: /at most 72 bytes/ },
    { name: "confirmation that differs", field: "Confirm password", patch: () => ({}), confirm: "something else entirely", message: /Passwords do not match/ },
  ];

  for (const c of cases) {
    test(`refuses a ${c.name} with a message next to the field`, async ({ page }) => {
      const base = newUser();
      const user = { ...base, ...c.patch(base) };
      await fillSignUp(page, user, c.confirm ?? user.password);
      await page.getByRole("button", { name: "Create account" }).click();
      expect(await errorOf(page, c.field)).toMatch(c.message);
      await expect(page).toHaveURL(/\/signup$/);
      expect(await countUsers({ usernameKey: user.username, email: user.email })).toBe(0);
    });
  }

  test("a 72-byte multi-byte password is accepted in full", async ({ page }) => {
    const user = newUser({ password: "€".repeat(24) });
    await fillSignUp(page, user);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("password fields can be shown and hidden, and strength is hinted while typing", async ({ page }) => {
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("type", "password");
    await expect(password).toHaveAttribute("autocomplete", "new-password");
    await page.getByRole("button", { name: "Show password" }).first().click();
    await expect(password).toHaveAttribute("type", "text");
    await page.getByRole("button", { name: "Hide password" }).click();
    await expect(password).toHaveAttribute("type", "password");

    await password.fill("password1");
    await expect(page.getByText(/Strength: (Very weak|Weak)/)).toBeVisible();
    await password.fill("violet tractor mumbles softly 47");
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  });
});

test("usernames and emails are unique ignoring case; the form keeps what was typed except passwords", async ({
  page,
  user,
}) => {
  await page.goto("/signup");
  const clash = newUser({ username: user.username.toUpperCase() });
  await fillSignUp(page, clash);
  await page.getByRole("button", { name: "Create account" }).click();
  expect(await errorOf(page, "Username")).toContain("That username is taken");
  await expect(page.getByLabel("Username")).toHaveValue(clash.username);
  await expect(page.getByLabel("Email")).toHaveValue(clash.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Confirm password")).toHaveValue("");

  const emailClash = newUser({ email: user.email.toUpperCase() });
  await fillSignUp(page, emailClash);
  await page.getByRole("button", { name: "Create account" }).click();
  expect(await errorOf(page, "Email")).toContain("An account with this email already exists");
  expect(await countUsers({ usernameKey: emailClash.username })).toBe(0);
});

test("ten concurrent sign-ups for one username create exactly one account", async ({ browser, request, baseURL }) => {
  const hidden = await actionFields(browser, "/signup");
  const { username } = newUser();
  // Each from its own address (one network may only create a few accounts an hour), solved
  // first so that the ten posts leave together (the first success sets a session cookie).
  const ips = Array.from({ length: 10 }, () => newIp());
  const challenges = await Promise.all(ips.map((ip) => solvedChallenge(request, baseURL!, "signup", ip)));
  const responses = await Promise.all(
    challenges.map((altcha, i) =>
      postSignUp(request, baseURL!, hidden, newUser({ username, email: `race.${i}.${username}@example.com` }), { altcha, ip: ips[i] }),
    ),
  );
  const statuses = responses.map((r) => r.status());
  expect(statuses.every((s) => s < 500), statuses.join(",")).toBe(true);
  const created = responses.filter((r) => r.status() === 303 && r.headers().location === "/dashboard");
  expect(created).toHaveLength(1);
  const bodies = await Promise.all(responses.filter((r) => r.status() === 200).map((r) => r.text()));
  expect(bodies.filter((b) => b.includes("That username is taken"))).toHaveLength(9);
  expect(await countUsers({ usernameKey: username })).toBe(1);
});

test("twenty concurrent sign-ups across two server processes all succeed", async ({ browser, request, baseURL }) => {
  // Both servers write to one SQLite file: WAL and the busy timeout must queue the writers.
  const other = `http://localhost:${REHASH_PORT}`;
  const [hereFields, thereFields] = await Promise.all([actionFields(browser, "/signup"), actionFields(browser, `${other}/signup`)]);
  const users = Array.from({ length: 20 }, () => ({ ...newUser(), ip: newIp() }));
  // Each from its own address (one network may only create a few accounts an hour), with its
  // challenge solved first so that the twenty posts leave together.
  const origins = users.map((_, i) => (i % 2 ? other : baseURL!));
  const challenges = await Promise.all(users.map((user, i) => solvedChallenge(request, origins[i]!, "signup", user.ip)));
  const responses = await Promise.all(
    users.map((user, i) =>
      postSignUp(request, origins[i]!, i % 2 ? thereFields : hereFields, user, { ip: user.ip, altcha: challenges[i] }),
    ),
  );
  expect(responses.map((r) => r.status())).toEqual(users.map(() => 303));
  for (const user of users) expect((await findUser(user.username))?.email).toBe(user.email);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses oversized input with clear messages and stores nothing", async ({ page }) => {
    const user = newUser({ username: "u".repeat(100_000), password: "p".repeat(1_000_000) });
    await page.goto("/signup");
    await fillSignUp(page, user, "x");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Username must be at most 32 characters")).toBeVisible();
    await expect(page.getByText(/Password must be at most 72 bytes/)).toBeVisible();
    expect(await countUsers({ email: user.email })).toBe(0);
  });

  test("sign-up says it needs JavaScript for the bot check, and a post without it creates nothing", async ({ page }) => {
    const user = newUser();
    await page.goto("/signup");
    expect(await page.content()).toContain("Creating an account needs JavaScript");
    await fillSignUp(page, user);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("We could not confirm this browser. Please try again.")).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveValue(user.username);
    expect(await findUser(user.username)).toBeUndefined();
  });
});

test("a new account's password is stored as a bcrypt hash, never in clear", async ({ page }) => {
  const user = newUser();
  await signUp(page, user);
  const row = (await findUser(user.username))!;
  expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$.{53}$/);
  expect(row.passwordHash).not.toContain(user.password);
});

test("guessable passwords are refused with the reason next to the field; nothing is stored", async ({ page }) => {
  for (const [password, reason] of [
    ["iloveyou1", "This password is too common"],
    ["P@ssw0rd2026", "This password is too common"],
  ] as const) {
    const user = newUser({ password });
    await page.goto("/signup");
    await fillSignUp(page, user);
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await errorOf(page, "Password")).toContain(reason);
    expect(await findUser(user.username)).toBeUndefined();
  }
  const user = newUser();
  const built = newUser({ username: user.username, password: `my ${user.username} password` });
  await page.goto("/signup");
  await fillSignUp(page, built);
  await page.getByRole("button", { name: "Create account" }).click();
  expect(await errorOf(page, "Password")).toContain("Your password must not contain your username.");
  expect(await findUser(built.username)).toBeUndefined();
});
