import { actionFields } from "./fixtures/actions";
import { expect, signIn, test } from "./fixtures/test";

const PAGES = ["/", "/login", "/signup"];

for (const path of PAGES) {
  test(`${path} sends a nonce-based CSP and the security headers`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = headers["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"]).toBeUndefined();

    // Every script tag carries this response's nonce, and nonces differ between responses.
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = (await request.get(path)).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
  });
}

test("HSTS is sent when the app is served over HTTPS", async ({ request }) => {
  const response = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toMatch(/max-age=\d{8,}/);
});

test("protected pages are never cached", async ({ page, user }) => {
  await signIn(page, user.email, user.password);
  for (const path of ["/dashboard", "/dashboard/profile"]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
  }
});

test("pages load without CSP violations or script errors", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  for (const path of PAGES) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/signup");
  await page.getByLabel("Password", { exact: true }).fill("strength meter loads lazily");
  await expect(page.getByText(/Strength:/)).toBeVisible();
  expect(problems).toEqual([]);
});

test("a cross-site post to the sign-in action is refused", async ({ browser, request, baseURL, user }) => {
  const hidden = await actionFields(browser, "/login");
  const post = (origin: string) =>
    request.post("/login", {
      headers: { origin },
      multipart: { ...Object.fromEntries(hidden), identifier: user.email, password: user.password },
      maxRedirects: 0,
    });
  // Next.js compares Origin with Host for server actions: a foreign Origin signs no one in...
  const forged = await post("https://evil.example");
  expect(forged.status()).not.toBe(303);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token");
  // ...while the same post from our own origin does.
  const genuine = await post(baseURL!);
  expect(genuine.status()).toBe(303);
  expect(genuine.headers()["set-cookie"]).toContain("authjs.session-token=");
});
