import { expect, newUser, signIn, signOut, signUp, test } from "./fixtures/test";

test("home page links a visitor to sign in and to create an account", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveAttribute("href", "/login");
  await expect(page.getByRole("link", { name: "Create account" })).toHaveAttribute("href", "/signup");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("sign up, see the dashboard and profile, sign out, sign back in by email", async ({ page }) => {
  const user = newUser({ username: `Mixed_${Date.now().toString(36)}`, email: `Mixed.${Date.now()}@Example.COM` });
  await signUp(page, user);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Your account has been created" })).toBeVisible();

  await page.goto("/dashboard/profile");
  const details = page.locator("dl");
  await expect(details).toContainText(user.username);
  // The email is stored and shown lowercased; the username keeps the case it was typed in.
  await expect(details).toContainText(user.email.toLowerCase());
  const created = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date());
  await expect(details).toContainText(created);

  await signOut(page);
  await expect(page.getByText("You have been signed out")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);

  await signIn(page, user.email.toUpperCase(), user.password);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
});

test("sign in by username typed in another case", async ({ page, user }) => {
  await signIn(page, user.username.toUpperCase(), user.password);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
  await signOut(page);
  await signIn(page, user.username.toLowerCase(), user.password);
  await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
});

test("signed-in visits to sign-in and sign-up go to the dashboard", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  for (const path of ["/login", "/signup"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/dashboard$/);
  }
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("health check answers when the app and its database do", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
