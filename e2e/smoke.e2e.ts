import { expect, test } from "@playwright/test";

test("smoke", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("/signup");
  await page.getByLabel("Username").fill("Smoke_User");
  await page.getByLabel("Email").fill("Smoke@Example.com");
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Confirm password").fill("correct horse battery");
  await page.screenshot({ path: "e2e/.tmp/signup.png", fullPage: true });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Welcome, Smoke_User")).toBeVisible();
  await page.screenshot({ path: "e2e/.tmp/dashboard.png", fullPage: true });
  console.log(await page.context().cookies());
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("You have been signed out")).toBeVisible();
  await page.screenshot({ path: "e2e/.tmp/login.png", fullPage: true });
  console.log(errors);
});
