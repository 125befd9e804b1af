import { type Browser, type Page } from "@playwright/test";
import { E2E_LIMITS, extraPort, PORT } from "../playwright.config";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { findUser } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, fillSignIn, newIp, newUser, test, type TestUser } from "./fixtures/test";

const INVALID = "Invalid email/username or password";
const LOCK_MINUTES = Number(E2E_LIMITS.LOGIN_LOCK_MINUTES);

/** Submits the sign-in form and returns the alert it answers with. */
async function tryPassword(page: Page, identifier: string, password: string) {
  await page.goto("/login");
  await fillSignIn(page, identifier, password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toBeVisible();
  return (await alert.innerText()).trim();
}

/** A browser page whose requests come from `ip`. */
async function pageFrom(browser: Browser, ip: string) {
  const context = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "x-forwarded-for": ip } });
  return context.newPage();
}

/** Guesses wrong at `names` (spellings of one name) until it is locked for this page's network, checking each answer. */
async function lockOut(page: Page, names: [string, string, string]) {
  // LOGIN_DELAY_AFTER=3, LOGIN_DELAY_SECONDS=1, LOGIN_LOCK_AFTER=5 on the test servers.
  expect(await tryPassword(page, names[0], "wrong guess 1")).toBe(INVALID);
  expect(await tryPassword(page, names[1], "wrong guess 2")).toBe(INVALID);
  expect(await tryPassword(page, names[2], "wrong guess 3")).toBe("Too many attempts. Try again in 1 second.");
  await page.waitForTimeout(1_100);
  expect(await tryPassword(page, names[0], "wrong guess 4")).toBe("Too many attempts. Try again in 2 seconds.");
  await page.waitForTimeout(2_100);
  expect(await tryPassword(page, names[0], "wrong guess 5")).toBe(`Too many attempts. Try again in ${LOCK_MINUTES} minutes.`);
}

/** The owner, on a network of their own, signs in with `identifier`. */
async function ownerSignsIn(browser: Browser, identifier: string, password: string) {
  const owner = await pageFrom(browser, newIp());
  await owner.goto("/login");
  await fillSignIn(owner, identifier, password);
  await owner.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(owner).toHaveURL(/\/dashboard$/);
  await owner.context().close();
}

test("guessing one account's password slows down, then locks that account for that network only", async ({ page, browser, user }) => {
  // Another spelling of the same name is the same name.
  await lockOut(page, [user.username, user.username.toLowerCase(), user.username.toUpperCase()]);

  // Locked: even the right password is refused from this network, with the real time left.
  expect(await tryPassword(page, user.username, user.password)).toMatch(
    new RegExp(`^Too many attempts\\. Try again in (${LOCK_MINUTES}|${LOCK_MINUTES - 1}) minutes\\.$`),
  );
  await expect(page).toHaveURL(/\/login$/);

  // The owner, elsewhere, still gets in.
  await ownerSignsIn(browser, user.username, user.password);

  // ...which does not unlock the attacker's network.
  expect(await tryPassword(page, user.username, user.password)).toMatch(/^Too many attempts\. Try again in \d+ minutes\.$/);
});

test("finding 8: the throttle's answers do not tell which email belongs to which username", async ({ page, browser, user }) => {
  // Five failures on the username: waits, then its lock for this network.
  await lockOut(page, [user.username, user.username, user.username]);

  // The account's own email answers exactly as an address nobody has: no link between the two.
  // (Its password is not checked for real any more from this network: lib/security tests it.)
  expect(await tryPassword(page, user.email, "wrong guess 6")).toBe(INVALID);
  expect(await tryPassword(page, newUser().email, "wrong guess 6")).toBe(INVALID);

  // The owner, elsewhere, gets in.
  await ownerSignsIn(browser, user.email, user.password);
});

test("a correct password resets the account's count of failures", async ({ page, user }) => {
  for (let round = 0; round < 2; round++) {
    expect(await tryPassword(page, user.username, "wrong guess a")).toBe(INVALID);
    expect(await tryPassword(page, user.username, "wrong guess b")).toBe(INVALID);
    await page.goto("/login");
    await fillSignIn(page, user.username, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
  // Four failures in all, but never three in a row: no wait was ever imposed.
});

test("spraying one password over many accounts from one network is stopped by the per-IP limit", async ({ page, browser, user }) => {
  const limit = Number(E2E_LIMITS.LOGIN_IP_MAX_FAILURES);
  for (let i = 0; i < limit - 1; i++) {
    expect(await tryPassword(page, `sprayed_${i}_${Date.now()}`, "Summer2026!")).toBe(INVALID);
  }
  // The limit-th failure closes this network for the rest of the hour, for every account.
  expect(await tryPassword(page, newUser().email, "Summer2026!")).toMatch(/^Too many attempts\. Try again in (60|59) minutes\.$/);
  expect(await tryPassword(page, user.username, user.password)).toMatch(/^Too many attempts\. Try again in \d+ minutes\.$/);

  // Another network is unaffected.
  await ownerSignsIn(browser, user.username, user.password);
});

test("after failures from one network, sign-ins need a proof of work: the browser solves it unasked", async ({ page, user, request, baseURL, browser, ip }) => {
  // LOGIN_CHALLENGE_AFTER=2.
  for (const guess of ["wrong guess x", "wrong guess y"]) expect(await tryPassword(page, `someone_${guess.at(-1)}`, guess)).toBe(INVALID);

  // A client that does not solve it is refused before any password check.
  const hidden = await actionFields(browser, "/login");
  const post = (altcha?: string) =>
    request.post(`${baseURL}/login`, {
      headers: { origin: baseURL!, "x-forwarded-for": ip },
      multipart: { ...Object.fromEntries(hidden), identifier: user.username, password: user.password, ...(altcha && { altcha }) },
      maxRedirects: 0,
    });
  const refused = await post();
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain("We could not confirm this browser");

  // A real browser signs in without noticing: the form solves the challenge in the background.
  await page.goto("/login");
  await fillSignIn(page, user.username, user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test.describe("proof of work on sign-up", () => {
  test("a sign-up post without a solution, with a forged one or with a replayed one is refused", async ({ browser, request, baseURL, ip }) => {
    const hidden = await actionFields(browser, "/signup");
    const refused = "We could not confirm this browser. Please try again.";

    const none = newUser();
    expect(await (await postSignUp(request, baseURL!, hidden, none, { altcha: null })).text()).toContain(refused);
    expect(await findUser(none.username)).toBeUndefined();

    // Forged: an answer that is not the key the challenge hides, and a challenge made easier.
    const solved = JSON.parse(Buffer.from(await solvedChallenge(request, baseURL!, "signup", ip), "base64").toString());
    const key: string = solved.solution.derivedKey;
    const wrongKey = { ...solved, solution: { ...solved.solution, derivedKey: (key[0] === "0" ? "1" : "0") + key.slice(1) } };
    const easier = { ...solved, challenge: { ...solved.challenge, parameters: { ...solved.challenge.parameters, keyPrefix: "00" } } };
    for (const forged of [wrongKey, easier]) {
      const user = newUser();
      const altcha = Buffer.from(JSON.stringify(forged)).toString("base64");
      expect(await (await postSignUp(request, baseURL!, hidden, user, { altcha })).text()).toContain(refused);
      expect(await findUser(user.username)).toBeUndefined();
    }

    // A challenge issued for sign-in does not open sign-up.
    const signInOnly = newUser();
    const wrongPurpose = await solvedChallenge(request, baseURL!, "signin", ip);
    expect(await (await postSignUp(request, baseURL!, hidden, signInOnly, { altcha: wrongPurpose })).text()).toContain(refused);

    // The genuine solution works once; the same solution again is refused.
    const altcha = Buffer.from(JSON.stringify(solved)).toString("base64");
    const first = newUser();
    const created = await postSignUp(request, baseURL!, hidden, first, { altcha });
    expect(created.status()).toBe(303);
    expect((await findUser(first.username))?.email).toBe(first.email);
    const replay = newUser();
    const context = await browser.newContext(); // no session cookie, so the sign-up page answers
    const replayed = await postSignUp(context.request, baseURL!, hidden, replay, { altcha, ip });
    expect(await replayed.text()).toContain(refused);
    expect(await findUser(replay.username)).toBeUndefined();
    await context.close();
  });

  test("the browser solves the sign-up challenge by itself, in the background, within seconds", async ({ page }) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto("/signup");
      const form = page.locator("form[data-challenge]");
      await expect(form).toHaveAttribute("data-challenge", "ready", { timeout: 15_000 });
      times.push(Number(await form.getAttribute("data-challenge-ms")));
    }
    times.sort((a, b) => a - b);
    const median = times[2]!;
    test.info().annotations.push({ type: "proof-of-work ms (median of 5)", description: String(median) });
    console.log(`proof of work in Chromium: median ${median} ms, all ${times.join(", ")} ms`);
    expect(median).toBeGreaterThan(0);
  });
});

test("one network may create only a few accounts an hour", async ({ browser, playwright, baseURL, ip }) => {
  const limit = Number(E2E_LIMITS.SIGNUP_IP_MAX_PER_HOUR);
  const hidden = await actionFields(browser, "/signup");
  const signUpFresh = async (user: TestUser) => {
    // A fresh client each time: a signed-in one would be sent to its dashboard instead.
    const request = await playwright.request.newContext();
    try {
      const response = await postSignUp(request, baseURL!, hidden, user, { ip });
      return { status: response.status(), body: await response.text() };
    } finally {
      await request.dispose();
    }
  };
  for (let i = 0; i < limit; i++) expect((await signUpFresh(newUser())).status).toBe(303);
  const refused = newUser();
  const answer = await signUpFresh(refused);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatch(/Too many accounts were created from your network\. Try again in (60|59) minutes\./);
  expect(await findUser(refused.username)).toBeUndefined();
});

test("the challenge endpoint answers 429 with Retry-After when one network asks too often", async ({ request, baseURL }) => {
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 61; i++) {
    const response = await request.get(`${baseURL}/api/challenge?purpose=signup`);
    statuses.push(response.status());
    if (response.status() === 429) retryAfter = response.headers()["retry-after"];
  }
  expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
  expect(statuses[60]).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test("Auth.js's own credentials endpoint is closed: passwords are only checked by the throttled form", async ({ request, baseURL, user }) => {
  const csrf = (await (await request.get(`${baseURL}/api/auth/csrf`)).json()).csrfToken as string;
  const response = await request.post(`${baseURL}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf, identifier: user.username, password: user.password },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
});

test.describe("behind no proxy (TRUST_PROXY=0)", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(7);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { ...E2E_LIMITS });
  });
  test.afterAll(() => server?.stop());

  test("a forged X-Forwarded-For neither escapes nor resets the per-IP limit", async ({ playwright }) => {
    const base = `http://localhost:${port}`;
    const context = await playwright.request.newContext();
    const page = await context.get(`${base}/login`);
    const html = await page.text();
    const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [
      m[1]!,
      (m[2] ?? "").replaceAll("&quot;", '"'),
    ]);
    const answers: string[] = [];
    // Every try claims another address; all come from 127.0.0.1, which is what counts.
    for (let i = 0; i < Number(E2E_LIMITS.LOGIN_IP_MAX_FAILURES) + 1; i++) {
      const altcha = await solvedChallenge(context, base, "signin");
      const response = await context.post(`${base}/login`, {
        headers: { origin: base, "x-forwarded-for": `203.0.113.${i + 1}` },
        multipart: { ...Object.fromEntries(hidden), identifier: `forger_${i}_${Date.now()}`, password: "guess guess", altcha },
        maxRedirects: 0,
      });
      const body = await response.text();
      answers.push(body.includes("Too many attempts") ? "throttled" : body.includes(INVALID) ? "invalid" : "other");
    }
    expect(answers.at(-1)).toBe("throttled");
    expect(answers.filter((a) => a === "invalid").length).toBeLessThanOrEqual(Number(E2E_LIMITS.LOGIN_IP_MAX_FAILURES));
    await context.dispose();
  });
});
