import type { APIRequestContext, APIResponse, Browser, PlaywrightWorkerArgs } from "@playwright/test";
import fc from "fast-check";
import { fuzzSeed, hugeString, nastyString, rarely, SANE_EMAIL, strongPassword, USERNAME_PATTERN, validEmail, wrongType } from "../test-support/arbitraries";
import { lookupFor } from "../lib/auth/identifier";
import { signInSchema, signUpSchema, usernameKey } from "../lib/validation/auth";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { findUser, insertUser, sql } from "./fixtures/db";
import { expect, fillSignIn, newIp, newUser, signUp, test, type TestUser } from "./fixtures/test";

/** Emails of accounts written straight into the database on purpose, bypassing validation. */
const RAW_DOMAIN = "@stored-markup.test";

const seed = fuzzSeed();
/** Every run is an HTTP request or more: report the first counterexample rather than shrink it (replay: FUZZ_SEED and the printed path). */
const runs = { seed, endOnFailure: true };
const tag = (seed >>> 0).toString(36);
let serial = 0;
/** A username and email no other post uses, so "was it stored?" has one answer per post. */
const fresh = () => {
  const n = serial++;
  return { username: `Fz${tag}_${n}`, email: `fz.${tag}.${n}@example.com` };
};

/** How a field arrives: once, not at all, twice (the first counts), or as a file (treated as missing). */
type Shape = "once" | "missing" | "twice" | "other-first" | "file";
const shape = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Shape>("once") },
  ...(["missing", "twice", "other-first", "file"] as const).map((s) => ({ weight: 1, arbitrary: fc.constant<Shape>(s) })),
);
type FieldPlan<T> = { value: T; shape: Shape; other: string };
const plan = <T>(value: fc.Arbitrary<T>) => fc.record({ value, shape, other: nastyString(2_000) });

/** The multipart body, and the fields as the server action reads them (first value; a file is missing). */
function buildBody(hidden: [string, string][], fields: Record<string, FieldPlan<string>>) {
  const form = new FormData();
  for (const [name, value] of hidden) form.append(name, value);
  const read: Record<string, string | undefined> = {};
  for (const [name, { value, shape, other }] of Object.entries(fields)) {
    const parts = { once: [value], twice: [value, other], "other-first": [other, value], missing: [], file: [new File([value], "x.txt")] }[shape];
    for (const part of parts) form.append(name, part);
    const first = parts[0];
    // Multipart carries UTF-8: a lone surrogate arrives as U+FFFD.
    read[name] = typeof first === "string" ? first.toWellFormed() : undefined;
  }
  return { form, read };
}

/**
 * At most one field of a post is huge: up to 330k UTF-16 units, 0.33–1 MB of UTF-8. A huge
 * password may be repeated as its confirmation, and the body still stays under the 2 MB limit.
 */
const withOneHuge = <T extends Record<string, FieldPlan<string>>>(fields: fc.Arbitrary<T>) =>
  fc.tuple(fields, rarely(fc.tuple(fc.nat(), hugeString(330_000)), 11)).map(([f, huge]) => {
    if (!huge) return f;
    const names = Object.keys(f);
    const name = names[huge[0] % names.length]!;
    return { ...f, [name]: { ...f[name]!, value: huge[1] } };
  });

/** Stands in a plan for markup that would add an element if a page echoed it unescaped. */
const MARKUP = "\u0000markup\u0000";
/** Unique per use, so its exact text can never be part of the page on its own. */
const markup = () => `<img src=x data-fz="${tag}-${serial++}" onerror=alert(1)><script>fz()</script>`;

/** Puts markup where a plan asks for it; returns what was injected. */
function injectMarkup(fields: Record<string, FieldPlan<string>>) {
  const injected: string[] = [];
  for (const field of Object.values(fields)) {
    for (const key of ["value", "other"] as const) {
      if (field[key] === MARKUP) injected.push((field[key] = markup()));
    }
  }
  return injected;
}

const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? String(v) : v)) ?? "null";
/** JSON for data inside a React reply, where a string starting with "$" is escaped as "$$…" (else it is a reference). */
const replyData = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? String(v) : typeof v === "string" && v.startsWith("$") ? `$${v}` : v)) ?? "null";

/** Percent-encodes the UTF-8 of any string (encodeURIComponent throws on lone surrogates). */
const pct = (value: string) => [...Buffer.from(value, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
const queryValue = fc.oneof(
  nastyString(800).map(pct),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%FF%FE", "%C0%AF", "%00", "%2F%2Fevil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "https://evil.example", "/dashboard"),
);

async function inFreshContext<T>(playwright: PlaywrightWorkerArgs["playwright"], run: (request: APIRequestContext) => Promise<T>) {
  const request = await playwright.request.newContext();
  try {
    return await run(request);
  } finally {
    await request.dispose();
  }
}

const rows = () => sql<{ username: string; usernameKey: string; email: string }>(`SELECT "username", "usernameKey", "email" FROM "User"`);

test.describe.configure({ timeout: 180_000 });

test.describe("sign-up posts", () => {
  type Altcha = { kind: "solve" } | { kind: "none" } | { kind: "value"; value: string };
  type SignUpPlan = { fields: Record<"username" | "email" | "password" | "confirmPassword", FieldPlan<string>>; altcha: Altcha; pad: string };
  type Sent = { status: number; stored: boolean; valid: boolean; solved: boolean };

  /** Answers shaped like a solved challenge (some with null parameters), plus plain garbage. */
  const forgedAltcha = fc.oneof(
    nastyString(5_000),
    fc
      .record({
        challenge: fc.record({ signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString(64)), parameters: fc.oneof(fc.constant(null), wrongType, fc.constant({ data: { purpose: "signup" } })) }, { requiredKeys: [] }),
        solution: fc.oneof(wrongType, fc.record({ counter: fc.integer(), derivedKey: fc.stringMatching(/^[0-9a-f]{64}$/) })),
      })
      .map((payload) => Buffer.from(json(payload)).toString("base64")),
  );
  const forged = forgedAltcha.map((value): Altcha => ({ kind: "value", value }));

  /**
   * Sends one planned post from its own address and checks what every post must satisfy: no
   * 5xx, injected markup never echoed unescaped, and this post's fresh name stored only when
   * the post was valid and solved, exactly as typed.
   */
  async function send(
    { playwright, request, origin, hidden }: { playwright: PlaywrightWorkerArgs["playwright"]; request: APIRequestContext; origin: string; hidden: [string, string][] },
    plan: SignUpPlan,
  ): Promise<Sent> {
    const ids = fresh();
    const f = structuredClone(plan.fields);
    // An empty plan value means the fresh valid one (for the confirmation: the password).
    if (f.username.value === "") f.username.value = `${plan.pad}${ids.username}`;
    if (f.email.value === "") f.email.value = ids.email;
    if (f.confirmPassword.value === "") f.confirmPassword.value = f.password.value;
    const injected = injectMarkup(f);

    const ip = newIp();
    const { form, read } = buildBody(hidden, f);
    const parsed = signUpSchema(8).safeParse(read);
    const solved = plan.altcha.kind === "solve";
    if (solved) form.append("altcha", await solvedChallenge(request, origin, "signup", ip));
    if (plan.altcha.kind === "value") form.append("altcha", plan.altcha.value);

    const response = await inFreshContext(playwright, async (client) => {
      const answer = await client.post(`${origin}/signup`, { headers: { origin, "x-forwarded-for": ip }, multipart: form, maxRedirects: 0 });
      return { status: answer.status(), body: await answer.text() };
    });
    expect(response.status, `sign-up answered ${response.status}`).toBeLessThan(500);
    for (const sent of injected) expect(response.body, "markup echoed unescaped").not.toContain(sent);

    const mine = (await findUser(usernameKey(ids.username)));
    if (mine) {
      expect(parsed.success && solved, "stored from an invalid or unsolved post").toBe(true);
      expect(mine).toMatchObject({ username: read.username!.trim(), email: read.email!.trim().toLowerCase() });
    }
    return { status: response.status, stored: mine !== undefined, valid: parsed.success, solved };
  }

  test("a valid post with a forged challenge answer whose parameters are null is refused, not a server error", async ({ browser, request, baseURL }) => {
    const hidden = await actionFields(browser, "/signup");
    const user = newUser();
    const altcha = Buffer.from(json({ challenge: { signature: "0".repeat(64), parameters: null }, solution: { counter: 0, derivedKey: "00" } })).toString("base64");
    const response = await postSignUp(request, baseURL!, hidden, user, { ip: newIp(), altcha });
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).toContain("We could not confirm this browser");
    expect(await findUser(user.username)).toBeUndefined();
  });

  test("random ones never fail the server and, without a solved challenge, store nothing", async ({ browser, playwright, request, baseURL }) => {
    const context = { playwright, request, origin: baseURL!, hidden: await actionFields(browser, "/signup") };
    const post = fc.record({
      fields: withOneHuge(
        fc.record({
          username: plan(fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 2, arbitrary: nastyString(2_000) }, { weight: 1, arbitrary: fc.constant(MARKUP) })),
          email: plan(fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 1, arbitrary: validEmail }, { weight: 2, arbitrary: nastyString(2_000) }, { weight: 1, arbitrary: fc.constant(MARKUP) })),
          password: plan(fc.oneof({ weight: 3, arbitrary: strongPassword }, { weight: 2, arbitrary: nastyString(2_000) })),
          confirmPassword: plan(fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: nastyString(2_000) })),
        }),
      ),
      altcha: fc.oneof({ weight: 2, arbitrary: fc.constant<Altcha>({ kind: "none" }) }, { weight: 1, arbitrary: forged }),
      pad: fc.constantFrom("", " ", "\u3000"),
    });
    await fc.assert(
      fc.asyncProperty(post, async (plan) => {
        const sent = await send(context, plan);
        expect(sent.stored || sent.status === 303).toBe(false);
      }),
      { ...runs, numRuns: 120 },
    );
  });

  test("nearly valid, solved ones create an account exactly when valid, stored as typed", async ({ browser, playwright, request, baseURL }) => {
    const context = { playwright, request, origin: baseURL!, hidden: await actionFields(browser, "/signup") };
    // The harness really can create an account, so "nothing stored" elsewhere means something.
    const control = newUser();
    expect((await postSignUp(request, baseURL!, context.hidden, control, { ip: newIp() })).status()).toBe(303);
    expect((await findUser(control.username))?.email).toBe(control.email);

    // A valid post (fresh name and email, padded or in another case), then maybe one change.
    const change = fc.record({
      field: fc.constantFrom("username", "email", "password", "confirmPassword"),
      to: fc.oneof(
        fc.record({ value: fc.oneof(nastyString(300), fc.constant(MARKUP)) }),
        fc.record({ shape }),
      ),
    });
    const post = fc
      .record({
        password: strongPassword,
        email: fc.constantFrom("", "upper", "spaces"),
        change: rarely(change, 1),
        altcha: fc.oneof({ weight: 4, arbitrary: fc.constant<Altcha>({ kind: "solve" }) }, { weight: 1, arbitrary: forged }),
        pad: fc.constantFrom("", " ", "\t", "\u3000"),
      })
      .map(({ password, email, change, altcha, pad }): SignUpPlan => {
        const once = (value: string): FieldPlan<string> => ({ value, shape: "once", other: "" });
        const fields = { username: once(""), email: once(email), password: once(password), confirmPassword: once("") };
        if (change) fields[change.field] = { ...fields[change.field], ...change.to, other: "second value" };
        return { fields, altcha, pad };
      });

    const outcomes: Sent[] = [];
    await fc.assert(
      fc.asyncProperty(post, async (plan) => {
        // "upper"/"spaces": a fresh email in capitals or padded, filled in here.
        const styled = structuredClone(plan);
        const mail = styled.fields.email.value;
        if (mail === "upper" || mail === "spaces") {
          const { email } = fresh();
          styled.fields.email.value = mail === "upper" ? email.toUpperCase() : `  ${email}\t`;
        }
        const sent = await send(context, styled);
        outcomes.push(sent);
        const changed = Object.values(plan.fields).some((f) => f.shape !== "once" || f.other !== "");
        // Anything invalid or unsolved is refused; an unchanged valid, solved post is created and signed in.
        if (!(sent.valid && sent.solved)) expect(sent.status === 303 || sent.stored).toBe(false);
        else if (!changed) expect(sent.status === 303 && sent.stored).toBe(true);
      }),
      { ...runs, numRuns: 36 },
    );
    expect(outcomes.filter((o) => o.stored).length).toBeGreaterThan(8);

    // Whatever was sent by any test, every account stored through the app is a valid one.
    for (const row of (await rows()).filter((r) => !r.email.endsWith(RAW_DOMAIN))) {
      expect(row.username, JSON.stringify(row)).toMatch(USERNAME_PATTERN);
      expect(row.usernameKey).toBe(row.username.toLowerCase());
      expect(row.email, JSON.stringify(row)).toMatch(SANE_EMAIL);
      expect(row.email.length).toBeLessThanOrEqual(254);
    }
  });
});

test("a post over the 2 MB action limit is refused without a server error", async ({ browser, request, baseURL }) => {
  const origin = baseURL!;
  for (const path of ["/signup", "/login"]) {
    const form = new FormData();
    for (const [name, value] of await actionFields(browser, path)) form.append(name, value);
    const { username, email } = fresh();
    for (const [name, value] of Object.entries({ username, email, identifier: username, password: "x".repeat(2_200_000) })) form.append(name, value);
    const response = await request.post(`${origin}${path}`, { headers: { origin, "x-forwarded-for": newIp() }, multipart: form, maxRedirects: 0 });
    expect.soft(response.status(), `${path} answered ${response.status()}`).toBeLessThan(500);
    expect(await findUser(username)).toBeUndefined();
  }
});

test("random sign-in posts never fail the server, and only the right password signs in", async ({ browser, playwright, baseURL, user }) => {
  const origin = baseURL!;
  const hidden = await actionFields(browser, "/login");
  const identifier = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(user.username, user.username.toUpperCase(), ` ${user.email.toUpperCase()}\t`, user.email, `${user.email}\0`, `\u200B${user.username}`) },
    { weight: 2, arbitrary: nastyString(2_000) },
    { weight: 1, arbitrary: fc.constant(MARKUP) },
  );
  const password = fc.oneof(
    { weight: 3, arbitrary: fc.constant(user.password) },
    { weight: 2, arbitrary: fc.constantFrom(`${user.password} `, user.password.toUpperCase(), user.password.slice(1)) },
    { weight: 2, arbitrary: nastyString(2_000) },
  );
  const post = withOneHuge(
    fc.record({
      identifier: plan(identifier),
      password: plan(password),
      remember: plan(fc.oneof(fc.constantFrom("on", "true", ""), nastyString(100))),
      callbackUrl: plan(fc.oneof(fc.constantFrom("/dashboard/profile", "//evil.example", "/\\evil.example", "https://evil.example/", "/%2F%2Fevil.example", "/\t/evil.example", "javascript:alert(1)"), nastyString(3_000))),
    }),
  );

  let signedIn = 0;
  await fc.assert(
    fc.asyncProperty(post, async (plans) => {
      const fields = structuredClone(plans);
      const injected = injectMarkup(fields);
      const { form, read } = buildBody(hidden, fields);
      const response = await inFreshContext(playwright, async (request) => {
        const answer = await request.post(`${origin}/login`, { headers: { origin, "x-forwarded-for": newIp() }, multipart: form, maxRedirects: 0 });
        return { status: answer.status(), location: answer.headers().location, body: await answer.text() };
      });
      expect(response.status, `sign-in answered ${response.status}`).toBeLessThan(500);

      // From a fresh address nothing is throttled: the right password signs in, anything else does not.
      const parsed = signInSchema.safeParse(read);
      const lookup = parsed.success ? lookupFor(parsed.data.identifier) : null;
      const right =
        parsed.success &&
        parsed.data.password === user.password &&
        ("email" in lookup! ? lookup.email === user.email.toLowerCase() : lookup!.usernameKey === usernameKey(user.username));
      expect(response.status === 303).toBe(right);
      if (right) signedIn++;
      if (right) expect(new URL(response.location!, origin).origin, "redirected off-site").toBe(new URL(origin).origin);
      for (const sent of injected) expect(response.body, "markup echoed unescaped").not.toContain(sent);
    }),
    { ...runs, numRuns: 80 },
  );
  expect(signedIn, "the right password never came up").toBeGreaterThan(0);
});

test("random query strings and Auth.js posts never fail the server", async ({ request, baseURL }) => {
  const origin = baseURL!;
  const csrf = ((await (await request.get(`${origin}/api/auth/csrf`)).json()) as { csrfToken: string }).csrfToken;
  const body = fc.oneof(
    fc.dictionary(nastyString(64), nastyString(2_000), { maxKeys: 5 }).map((form) => ({ form: { csrfToken: csrf, ...form } })),
    fc.jsonValue().map((data) => ({ data: JSON.stringify(data) ?? "", headers: { "content-type": "application/json" } })),
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ data: Buffer.from(bytes), headers: { "content-type": "application/x-www-form-urlencoded" } })),
  );
  type Call = { method: "GET" | "POST"; path: string; options?: Record<string, unknown> };
  const call = fc.oneof(
    queryValue.map((v): Call => ({ method: "GET", path: `/api/challenge?purpose=${v}` })),
    fc.constantFrom("signup", "signin", "SIGNUP", "").map((v): Call => ({ method: "GET", path: `/api/challenge?purpose=${v}` })),
    queryValue.map((v): Call => ({ method: "GET", path: `/login?callbackUrl=${v}` })),
    fc.tuple(queryValue, queryValue).map(([k, v]): Call => ({ method: "GET", path: `/dashboard?${k}=${v}` })),
    queryValue.map((v): Call => ({ method: "GET", path: `/dashboard/${v}` })),
    body.map((options): Call => ({ method: "POST", path: "/api/auth/callback/credentials", options })),
    fc.tuple(fc.constantFrom("signin", "signout", "callback/x", "session", "csrf", "providers", "x"), body).map(([action, options]): Call => ({ method: "POST", path: `/api/auth/${action}`, options })),
  );

  await fc.assert(
    fc.asyncProperty(call, async ({ method, path, options }) => {
      const init = { ...options, headers: { ...(options?.headers as object), "x-forwarded-for": newIp() }, maxRedirects: 0 };
      const response: APIResponse = method === "GET" ? await request.get(`${origin}${path}`, init) : await request.post(`${origin}${path}`, init);
      expect(response.status(), `${method} ${path.slice(0, 200)} answered ${response.status()}`).toBeLessThan(500);
      const location = response.headers().location;
      if (location) expect(new URL(location, origin).origin, "redirected off-site").toBe(new URL(origin).origin);
    }),
    { ...runs, numRuns: 300 },
  );
  expect((await request.get(`${origin}/api/health`)).status()).toBe(200);
});

test.describe("server actions called directly, as a script would", () => {
  /** The ids of the sign-up and sign-in actions, from the hidden fields of their no-JavaScript forms. */
  const actionsOf = (browser: Browser) =>
    Promise.all(
      ["/signup", "/login"].map(async (path) => {
        const ref = (await actionFields(browser, path)).find(([name]) => name.endsWith(":0"))?.[1];
        return { path, id: (JSON.parse(ref!) as { id: string }).id };
      }),
    );
  /**
   * React's reply format: part "0" holds the arguments (JSON); "$K1" is a FormData of the parts
   * named "_1_…", "$Q1" a Map from part "1". Like React's own client, the root part goes last.
   */
  const callAction = (request: APIRequestContext, origin: string, { path, id }: { path: string; id: string }, args: string, parts: [string, string][] = []) => {
    const body = new FormData();
    for (const [name, value] of parts) body.append(name, value);
    body.append("0", args);
    return request.post(`${origin}${path}`, {
      headers: { origin, "next-action": id, accept: "text/x-component", "x-forwarded-for": newIp() },
      multipart: body,
      maxRedirects: 0,
    });
  };

  test("with form fields, they answer like the form does", async ({ browser, request, baseURL }) => {
    const [signUp, signIn] = await actionsOf(browser);
    const refused = await callAction(request, baseURL!, signUp!, '[{},"$K1"]', [["_1_username", "a\u202Eb"]]);
    expect(refused.status()).toBe(200);
    const body = await refused.text();
    expect(body).toContain("Username may only contain letters");
    expect(body).toContain("Enter your email address");
    const answer = await callAction(request, baseURL!, signIn!, '[{},"$K1"]', [["_1_identifier", "nobody"], ["_1_password", "x"]]);
    expect(answer.status()).toBe(200);
    expect(await answer.text()).toContain("Invalid email/username or password");
  });

  test("with anything but a FormData as the form, they never fail the server", async ({ browser, request, baseURL }) => {
    const actions = await actionsOf(browser);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fc.oneof(wrongType, fc.jsonValue()), async (action, second) => {
        const args = replyData([{}, second]);
        const response = await callAction(request, baseURL!, action, args);
        expect(response.status(), `${action.path} with ${args.slice(0, 200)} answered ${response.status()}`).toBeLessThan(500);
      }),
      { ...runs, numRuns: 40 },
    );
  });

  test("with fields holding lone UTF-16 surrogates, they never fail the server", async ({ browser, request, baseURL }) => {
    // JSON escapes (\ud800) survive the UTF-8 body only inside reply data such as this Map;
    // the actions read anything but a FormData as an empty form.
    const actions = await actionsOf(browser);
    const lone = fc.constantFrom("\uD800", "alice\uDC00", "\uDBFF@example.com", "x\uD800\uD800y");
    const fields = fc.record(
      {
        identifier: fc.oneof(lone, nastyString(300)),
        username: fc.oneof(lone, nastyString(300)),
        email: fc.oneof(lone, nastyString(300)),
        password: fc.oneof(fc.constant("Tidy lantern rivers 7"), lone, nastyString(100)),
        confirmPassword: fc.oneof(fc.constant("Tidy lantern rivers 7"), lone),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fields, async (action, values) => {
        const entries = Object.entries(values);
        const response = await callAction(request, baseURL!, action, '[{},"$Q1"]', [["1", replyData(entries)]]);
        expect(response.status(), `${action.path} with ${json(entries).slice(0, 300)} answered ${response.status()}`).toBeLessThan(500);
      }),
      { ...runs, numRuns: 40 },
    );
  });
});

test.describe("stored text is shown as text, never as markup", () => {
  test("an email with an apostrophe and a plus, signed up through the page", async ({ page }) => {
    // The schema refuses < > & and quotes in emails; ' and + are the markup-ish characters it takes.
    const user = newUser();
    const email = `o'brien+${user.username.toLowerCase()}@example.com`;
    expect(signUpSchema(8).safeParse({ ...user, email, confirmPassword: user.password }).success).toBe(true);
    expect(signUpSchema(8).safeParse({ ...user, email: `<b>x</b>@example.com`, confirmPassword: user.password }).success).toBe(false);
    await signUp(page, { ...user, email });
    await page.goto("/dashboard/profile");
    const main = page.locator("main");
    await expect(main.getByText(email, { exact: true })).toBeVisible();
    await expect(main.getByText(user.username, { exact: true })).toBeVisible();
  });

  test("markup written straight into the database stays inert on every page that shows it", async ({ page }) => {
    const id = newUser().username.slice(5).toLowerCase();
    const user: TestUser = {
      username: `<b id="fz-b">Mallory</b><img id="fz-img" src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`,
      email: `<i id="fz-i">m</i>.${id}${RAW_DOMAIN}`,
      password: `Tidy lantern ${id} rivers`,
    };
    await insertUser(user);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.goto("/login");
    await fillSignIn(page, user.email, user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.locator("main").getByText(`Welcome, ${user.username}`)).toBeVisible();

    for (const path of ["/dashboard", "/dashboard/profile"]) {
      await page.goto(path);
      if (path.endsWith("profile")) {
        await expect(page.locator("main").getByText(user.username, { exact: true })).toBeVisible();
        await expect(page.locator("main").getByText(user.email, { exact: true })).toBeVisible();
      }
      await expect(page.locator("#fz-b, #fz-img, #fz-i")).toHaveCount(0);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      const html = await page.content();
      for (const markup of ['<b id="fz-b">', '<img id="fz-img"', '<i id="fz-i">', "<script>window.__pwned"]) expect(html).not.toContain(markup);
    }
    expect(dialogs).toBe(0);
  });
});
