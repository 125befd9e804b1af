import type { APIResponse } from "@playwright/test";
import { E2E_LIMITS, extraPort } from "../playwright.config";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { findUser } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, newIp, newUser, test } from "./fixtures/test";

// Counters that limit something must hold when the requests come all at once.

const INVALID = "Invalid email/username or password";
const DELAY_AFTER = Number(E2E_LIMITS.LOGIN_DELAY_AFTER);
const LOCK_AFTER = Number(E2E_LIMITS.LOGIN_LOCK_AFTER);
const SIGNUP_CAP = Number(E2E_LIMITS.SIGNUP_IP_MAX_PER_HOUR);

const tally = (outcomes: string[]) => Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));

/** What a posted sign-in answered: signed in, a checked wrong password, or refused before any check. */
async function outcomeOf(response: APIResponse) {
  if (response.status() === 303) return "signed-in";
  const body = await response.text();
  if (body.includes(INVALID)) return "checked";
  if (body.includes("Too many attempts")) return "throttled";
  if (body.includes("We could not confirm this browser")) return "challenge";
  return `other ${response.status()}`;
}

test.describe("finding 2: the sign-in throttle was check-then-act", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  // A server of its own, so that its security log tells how many guesses had their password checked.
  const port = extraPort(16);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { ...E2E_LIMITS, TRUST_PROXY: "1" });
  });
  test.afterAll(() => server?.stop());

  test("30 simultaneous guesses from one address get no more password checks than a sequence, and the right password after them does not sign in", async ({
    browser,
    request,
    user,
  }) => {
    const base = `http://localhost:${port}`;
    const ip = newIp();
    const hidden = await actionFields(browser, `${base}/login`);
    // Solved in advance, as a determined attacker would, so the proof of work holds nobody up.
    const challenges = await Promise.all(Array.from({ length: 30 }, () => solvedChallenge(request, base, "signin", ip)));
    const guess = (password: string, altcha: string) =>
      request.post(`${base}/login`, {
        headers: { origin: base, "x-forwarded-for": ip },
        multipart: { ...Object.fromEntries(hidden), identifier: user.username, password, altcha },
        maxRedirects: 0,
      });

    const wrong = challenges.slice(0, 29).map((altcha, i) => guess(`wrong guess ${i}`, altcha));
    // The right password goes last, while the wrong ones are still being answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const right = guess(user.password, challenges[29]!);
    const outcomes = await Promise.all([...wrong, right].map(async (response) => outcomeOf(await response)));
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Each password check writes one signin.failure or signin.success line for this address.
    const checks = server!
      .lines()
      .filter((line) => line.includes(`"ip":"${ip}"`) && /"event":"signin\.(failure|success)"/.test(line)).length;
    console.log(`30 parallel guesses: ${checks} password checks; answers ${JSON.stringify(tally(outcomes))}`);
    // One after another, the first LOGIN_DELAY_AFTER guesses are checked and the rest must wait.
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThanOrEqual(DELAY_AFTER);
    expect(checks).toBeLessThanOrEqual(LOCK_AFTER);
    expect(outcomes).not.toContain("signed-in");
    expect(outcomes.at(-1)).toBe("throttled");
  });
});

test("finding 4: ten simultaneous sign-ups from one address make exactly the hourly cap of accounts", async ({ browser, playwright, baseURL }) => {
  const ip = newIp();
  const hidden = await actionFields(browser, "/signup");
  const users = Array.from({ length: 10 }, () => newUser());
  const contexts = await Promise.all(users.map(() => playwright.request.newContext()));
  const challenges = await Promise.all(users.map((_, i) => solvedChallenge(contexts[i]!, baseURL!, "signup", ip)));
  const statuses = await Promise.all(
    users.map(async (user, i) => (await postSignUp(contexts[i]!, baseURL!, hidden, user, { ip, altcha: challenges[i] })).status()),
  );
  await Promise.all(contexts.map((context) => context.dispose()));

  expect(statuses.filter((status) => status === 303)).toHaveLength(SIGNUP_CAP);
  expect((await Promise.all(users.map((user) => findUser(user.username)))).filter(Boolean)).toHaveLength(SIGNUP_CAP);
});

test("finding 11: IPv6 clients are limited by their /64, not by each address they rotate through", async ({ browser, playwright, baseURL }) => {
  const n = Math.floor(Math.random() * 0xffff).toString(16);
  const hidden = await actionFields(browser, "/signup");
  const made: boolean[] = [];
  for (let i = 0; i <= SIGNUP_CAP; i++) {
    // A new address of the same /64 every time.
    const ip = `2001:db8:${n}:1::${(i + 1).toString(16)}`;
    const request = await playwright.request.newContext();
    const user = newUser();
    const response = await postSignUp(request, baseURL!, hidden, user, { ip });
    made.push(response.status() === 303 && await findUser(user.username) !== undefined);
    await request.dispose();
  }
  expect(made.filter(Boolean)).toHaveLength(SIGNUP_CAP);
  expect(made.at(-1)).toBe(false);
});
