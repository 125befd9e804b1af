import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminCli } from "./fixtures/admin";
import { findUser } from "./fixtures/db";
import { expect, signIn, test } from "./fixtures/test";

const SHOTS = "e2e/artifacts/screenshots";

const PUBLIC = [
  { name: "home", path: "/" },
  { name: "login", path: "/login" },
  { name: "signup", path: "/signup" },
  { name: "forgot-password", path: "/forgot-password" },
  { name: "reset-password-invalid", path: "/reset-password?token=expired-or-forged" },
];
const PROTECTED = [
  { name: "dashboard", path: "/dashboard" },
  { name: "profile", path: "/dashboard/profile" },
  { name: "settings", path: "/dashboard/settings" },
  { name: "settings-password", path: "/dashboard/settings/password" },
  { name: "settings-email", path: "/dashboard/settings/email" },
  { name: "settings-two-factor", path: "/dashboard/settings/two-factor" },
  { name: "settings-passkeys", path: "/dashboard/settings/passkeys" },
  { name: "settings-connected-accounts", path: "/dashboard/settings/connected-accounts" },
  { name: "settings-sessions", path: "/dashboard/settings/sessions" },
  { name: "settings-activity", path: "/dashboard/settings/activity" },
  { name: "settings-delete-account", path: "/dashboard/settings/delete-account" },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function checkPage(page: Page, name: string, path: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    expect(await seriousViolations(page), `${path} in ${colorScheme} mode`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png`, fullPage: true });
  }
}

test("public pages: no serious accessibility violations, light and dark", async ({ page }) => {
  for (const { name, path } of PUBLIC) await checkPage(page, name, path);
});

test("signed-in pages: no serious accessibility violations, light and dark", async ({ page, user }) => {
  // Two full axe runs for each of the settings pages: over a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  await signIn(page, user.email, user.password);
  for (const { name, path } of PROTECTED) await checkPage(page, name, path);
});

test("admin pages and the 403 page: no serious accessibility violations, light and dark", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  await checkPage(page, "admin-forbidden", "/admin/users");
  expect(adminCli("promote", user.username).code).toBe(0);
  const id = (await findUser(user.username))!.id;
  for (const [name, path] of [
    ["admin-users", "/admin/users"],
    ["admin-user", `/admin/users/${id}`],
    ["admin-activity", "/admin/activity"],
  ]) {
    await checkPage(page, name, path);
  }
});

test("an unknown address gets the app's own 404 page, inside and outside the dashboard", async ({ page, user }) => {
  for (const path of ["/no-such-page", "/dashboard/no-such-page"]) {
    if (path.startsWith("/dashboard")) await signIn(page, user.email, user.password);
    const response = await page.goto(path);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle(/^Page not found · /);
    await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  }
  await checkPage(page, "not-found", "/no-such-page");
});

test("forms with errors: no serious accessibility violations", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Choose a username")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/signup-errors-light.png`, fullPage: true });
  await page.goto("/login");
  await page.getByLabel("Email or username").fill("nobody_at_all");
  await page.getByLabel("Password", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email/username or password" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/login-error-light.png`, fullPage: true });
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("pages fit the screen without sideways scrolling", async ({ page, user }) => {
    const fits = async (name: string, path: string) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/${name}-mobile.png`, fullPage: true });
    };
    for (const { name, path } of PUBLIC) await fits(name, path);
    await signIn(page, user.email, user.password);
    for (const { name, path } of PROTECTED) await fits(name, path);
  });
});
