import { E2E_LIMITS, extraPort } from "../playwright.config";
import { linkIn } from "../test-support/mailbox";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { countUsers, findUser } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, fillSignIn, newIp, newUser, openSettings, pageAt, signIn, signOut, signUp, test } from "./fixtures/test";

// Several app instances on one database, as behind a load balancer: two production servers
// (separate processes) share the run's database — one PostgreSQL database in the PostgreSQL
// pass (npm run test:pg), one SQLite file in the default one. Nothing a person or an attacker
// does may depend on which instance answers.

const INVALID = "Invalid email/username or password";
const LOCK_MINUTES = Number(E2E_LIMITS.LOGIN_LOCK_MINUTES);
const REFUSED_CHALLENGE = "We could not confirm this browser. Please try again.";

test.describe("two app instances on one database", () => {
  // One pair of servers for the group: its tests run one after another in one worker.
  test.describe.configure({ mode: "default" });
  const A = `http://localhost:${extraPort(21)}`;
  const B = `http://localhost:${extraPort(22)}`;
  let servers: ExtraServer[] = [];

  test.beforeAll(async () => {
    const settings = { ...E2E_LIMITS, TRUST_PROXY: "1" };
    servers = await Promise.all([startServer(extraPort(21), settings), startServer(extraPort(22), settings)]);
  });
  test.afterAll(() => servers.forEach((server) => server.stop()));

  test("sign up on A, sign in on B; signed out on A, B refuses the old cookie", async ({ browser }) => {
    const user = newUser();
    const onA = await pageAt(browser, A);
    await signUp(onA, user);
    await expect(onA).toHaveURL(`${A}/dashboard`);

    const onB = await pageAt(browser, B);
    await signIn(onB, user.username, user.password);
    await expect(onB.getByText(`Welcome, ${user.username}`)).toBeVisible();
    const cookies = await onB.context().cookies();

    // The same browser signs out through A...
    await onB.goto(`${A}/dashboard`);
    await signOut(onB);
    // ...and the cookie it had is worth nothing on B.
    const replay = await browser.newContext({ baseURL: B });
    await replay.addCookies(cookies);
    const replayPage = await replay.newPage();
    await replayPage.goto("/dashboard");
    await expect(replayPage).toHaveURL(/\/login/);
    await Promise.all([onA.context().close(), onB.context().close(), replay.close()]);
  });

  test("a session signed out from the settings on B ends on A", async ({ browser, user }) => {
    const onA = await pageAt(browser, A);
    await signIn(onA, user.username, user.password);
    const onB = await pageAt(browser, B);
    await signIn(onB, user.username, user.password);

    await openSettings(onB, "Sessions");
    const list = onB.getByRole("list", { name: "Active sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await onB.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    await onA.goto("/dashboard");
    await expect(onA).toHaveURL(/\/login/);
    await onB.goto(`${A}/dashboard`);
    await expect(onB.getByText(`Welcome, ${user.username}`)).toBeVisible();
    await Promise.all([onA.context().close(), onB.context().close()]);
  });

  test("wrong passwords split across A and B lock the account at the same count as on one server", async ({ browser, user }) => {
    const attacker = await pageAt(browser, A);
    const guess = async (origin: string, password: string) => {
      await attacker.goto(`${origin}/login`);
      await fillSignIn(attacker, user.username, password);
      await attacker.getByRole("button", { name: "Sign in", exact: true }).click();
      const alert = attacker.getByRole("alert").filter({ hasText: /\S/ });
      await expect(alert).toBeVisible();
      return (await alert.innerText()).trim();
    };
    // The same answers as one server gives (e2e/throttling.e2e.ts), each guess on the other instance.
    expect(await guess(A, "wrong guess 1")).toBe(INVALID);
    expect(await guess(B, "wrong guess 2")).toBe(INVALID);
    expect(await guess(A, "wrong guess 3")).toBe("Too many attempts. Try again in 1 second.");
    await attacker.waitForTimeout(1_100);
    expect(await guess(B, "wrong guess 4")).toBe("Too many attempts. Try again in 2 seconds.");
    await attacker.waitForTimeout(2_100);
    expect(await guess(A, "wrong guess 5")).toBe(`Too many attempts. Try again in ${LOCK_MINUTES} minutes.`);
    // Locked on both: even the right password is refused from this network, wherever it lands.
    for (const origin of [A, B]) {
      expect(await guess(origin, user.password)).toMatch(new RegExp(`^Too many attempts\\. Try again in (${LOCK_MINUTES}|${LOCK_MINUTES - 1}) minutes\\.$`));
    }
    await attacker.context().close();
  });

  test("20 simultaneous sign-ups of one username across A and B make exactly one account", async ({ browser, request }) => {
    const hidden = { [A]: await actionFields(browser, `${A}/signup`), [B]: await actionFields(browser, `${B}/signup`) };
    const name = newUser().username;
    // Each from a network of its own (the per-network cap is not what is tested here), in
    // spellings that are one name, with its own email and a solved challenge in advance.
    const posts = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const origin = i % 2 === 0 ? A : B;
        const ip = newIp();
        const user = newUser({ username: i % 3 === 0 ? name.toUpperCase() : name });
        return { origin, ip, user, altcha: await solvedChallenge(request, origin, "signup", ip) };
      }),
    );
    const answers = await Promise.all(posts.map(({ origin, ip, user, altcha }) => postSignUp(request, origin, hidden[origin]!, user, { ip, altcha })));

    expect(answers.filter((answer) => answer.status() === 303)).toHaveLength(1);
    for (const answer of answers.filter((answer) => answer.status() !== 303)) {
      expect(answer.status()).toBe(200);
      expect(await answer.text()).toContain("That username is taken");
    }
    expect(await countUsers({ usernameKey: name })).toBe(1);
  });

  test("a proof-of-work solution used on A is refused on B", async ({ browser, request }) => {
    const ip = newIp();
    const altcha = await solvedChallenge(request, A, "signup", ip);
    const first = newUser();
    const created = await postSignUp(request, A, await actionFields(browser, `${A}/signup`), first, { ip, altcha });
    expect(created.status()).toBe(303);

    const replay = newUser();
    const fresh = await browser.newContext(); // no session cookie, so the sign-up page answers
    const replayed = await postSignUp(fresh.request, B, await actionFields(browser, `${B}/signup`), replay, { ip, altcha });
    expect(await replayed.text()).toContain(REFUSED_CHALLENGE);
    expect(await findUser(replay.username)).toBeUndefined();
    expect(await findUser(first.username)).toBeDefined();
    await fresh.close();
  });

  test("a mail link made on A opens on B", async ({ browser, mail }) => {
    const user = newUser();
    const started = new Date(Date.now() - 1000);
    const onA = await pageAt(browser, A);
    await signUp(onA, user);
    await expect(onA).toHaveURL(`${A}/dashboard`);

    const link = new URL(linkIn(await mail({ to: user.email, subject: /Confirm your email address/, after: started }), "/verify-email"));
    expect(link.origin).toBe(A);
    // The load balancer sends the click to B.
    const onB = await pageAt(browser, B);
    await signIn(onB, user.username, user.password);
    await onB.goto(`${B}${link.pathname}${link.search}`);
    await expect(onB).toHaveURL(`${B}/dashboard`);
    await expect(onB.getByText("Your email address is verified.")).toBeVisible();
    expect((await findUser(user.username))!.emailVerified).toBeTruthy();
    await Promise.all([onA.context().close(), onB.context().close()]);
  });
});
