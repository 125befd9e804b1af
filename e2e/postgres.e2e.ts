import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { extraPort } from "../playwright.config";
import { startPostgres, type PostgresCluster } from "../test-support/pg-cluster.mjs";
import { actionFields, postSignUp, solvedChallenge } from "./fixtures/actions";
import { onPostgres } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, newIp, newUser, pageAt, signIn, signUp, test, type TestUser } from "./fixtures/test";

// PostgreSQL's own faults and the move from SQLite, on a cluster of this file's own (the run's
// cluster serves the other tests, which a restart would disturb). Only in the PostgreSQL pass.

const SETTINGS = { TRUST_PROXY: "1", POW_MAX_NUMBER: "1000", SIGNUP_IP_MAX_PER_HOUR: "100" };

/** Applies every migration to the database at `url`, as `npm start` does. */
function migrate(url: string) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
}

/** Signs a new person up through the page on `origin`, in a browser of their own that stays signed in. */
async function signedUpOn(browser: Browser, origin: string, user: TestUser) {
  const page = await pageAt(browser, origin);
  await signUp(page, user);
  await expect(page).toHaveURL(`${origin}/dashboard`);
  return page;
}

test.describe("PostgreSQL", () => {
  test.skip(!onPostgres, "needs PostgreSQL (npm run test:pg)");
  // One cluster and one extra server at a time.
  test.describe.configure({ mode: "default" });
  let cluster: PostgresCluster | undefined;
  let servers: ExtraServer[] = [];

  test.beforeAll(async () => {
    cluster = await startPostgres();
  });
  test.afterEach(() => {
    for (const server of servers) server.kill("SIGKILL");
    servers = [];
  });
  test.afterAll(() => cluster?.destroy());

  test("restarted while the app serves: 503 during the outage, back by itself, no acknowledged sign-up lost", async ({ browser, request }) => {
    const url = cluster!.createDatabase("restart");
    migrate(url);
    const origin = `http://localhost:${extraPort(23)}`;
    servers.push(await startServer(extraPort(23), { ...SETTINGS, DATABASE_URL: url }));
    const person = newUser();
    const page = await signedUpOn(browser, origin, person);

    const hidden = await actionFields(browser, `${origin}/signup`);
    const signUps = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const user = newUser();
        const ip = newIp();
        const response = await postSignUp(request, origin, hidden, user, { ip, altcha: await solvedChallenge(request, origin, "signup", ip) });
        return { user, acknowledged: response.status() === 303 };
      }),
    );
    const acknowledged = signUps.filter((s) => s.acknowledged).map((s) => s.user.username.toLowerCase());
    expect(acknowledged).toHaveLength(12);
    // One more, solved in advance, to post while the database is down.
    const lateIp = newIp();
    const late = { user: newUser(), altcha: await solvedChallenge(request, origin, "signup", lateIp) };

    // As if it crashed: no checkpoint, connections cut.
    cluster!.stopServer("immediate");
    expect((await request.get(`${origin}/api/health`)).status()).toBe(503);
    const during = await page.goto("/dashboard");
    expect(during!.status()).toBe(503);
    expect(during!.headers()["retry-after"]).toBe("5");
    const refused = await postSignUp(request, origin, hidden, late.user, { ip: lateIp, altcha: late.altcha });
    expect(refused.status()).toBe(503);

    cluster!.startServer();
    // The app reconnects by itself.
    await expect.poll(async () => (await request.get(`${origin}/api/health`)).status(), { timeout: 20_000 }).toBe(200);
    const after = await page.goto("/dashboard");
    expect(after!.status()).toBe(200);
    await expect(page.getByText(`Welcome, ${person.username}`)).toBeVisible();

    const stored = cluster!.psql(`SELECT "usernameKey" FROM "User"`, "restart").trim().split("\n");
    for (const username of acknowledged) expect(stored).toContain(username);
    expect(stored).toContain(person.username.toLowerCase());
    // The one refused during the outage was not half-written.
    expect(stored).not.toContain(late.user.username.toLowerCase());
    await page.context().close();
  });

  test("db:copy moves a SQLite database to PostgreSQL: the same people sign in with the same passwords, and their sessions still work", async ({ browser }) => {
    const file = "e2e/.tmp/copy-source.db";
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    const source = `file:./${file}`;
    migrate(source);
    const onSqlite = `http://localhost:${extraPort(24)}`;
    const sqliteServer = await startServer(extraPort(24), { ...SETTINGS, DATABASE_URL: source });
    servers.push(sqliteServer);
    const ada = newUser();
    const grace = newUser();
    const adaPage = await signedUpOn(browser, onSqlite, ada);
    const gracePage = await signedUpOn(browser, onSqlite, grace);
    await gracePage.context().close();
    sqliteServer.stop();
    expect((await sqliteServer.exited).code).toBe(0);

    const target = cluster!.createDatabase("copied");
    migrate(target);
    const copy = () =>
      execFileSync("npm", ["run", "-s", "db:copy", "--", "--from", source, "--to", target], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const output = copy();
    expect(output).toMatch(/^User\s+2\s+2$/m);
    expect(output).toMatch(/^Session\s+2\s+2$/m);
    expect(output).toMatch(/^ActivityEvent\s+(\d+)\s+\1$/m);
    expect(output).toContain("Done: every table copied in one transaction.");
    // A second copy into the same database is refused, and changes nothing.
    let refused = "";
    try {
      copy();
    } catch (error) {
      refused = String((error as { stderr: string }).stderr);
    }
    expect(refused).toMatch(/is not empty \(User: 2, Session: 2/);
    expect(cluster!.psql(`SELECT COUNT(*) FROM "User"`, "copied").trim()).toBe("2");

    const onPg = `http://localhost:${extraPort(25)}`;
    servers.push(await startServer(extraPort(25), { ...SETTINGS, DATABASE_URL: target }));
    // Ada's browser kept its session: it opens the dashboard on PostgreSQL as it is.
    await adaPage.goto(`${onPg}/dashboard`);
    await expect(adaPage.getByText(`Welcome, ${ada.username}`)).toBeVisible();
    // Grace signs in again with the same password.
    const page = await pageAt(browser, onPg);
    await signIn(page, grace.email, grace.password);
    await expect(page.getByText(`Welcome, ${grace.username}`)).toBeVisible();
    await Promise.all([page.context().close(), adaPage.context().close()]);
  });
});
