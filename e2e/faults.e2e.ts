import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { extraPort } from "../playwright.config";
import { actionFields, solvedChallenge } from "./fixtures/actions";
import { onPostgres } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, newIp, newUser, test, type TestUser } from "./fixtures/test";

// Faults on one machine: a server stopped (SIGTERM) or killed (SIGKILL) while it serves, each
// on a SQLite file of its own, so what the file holds afterwards is this server's doing alone.

/** A new database file with every migration applied, as `npm start` would leave it. */
function migratedDatabase(name: string) {
  const file = `e2e/.tmp/${name}.db`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:./${file}` },
    stdio: "ignore",
  });
  return file;
}

const usernamesIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      usernames: (db.prepare("SELECT username FROM User").all() as { username: string }[]).map((row) => row.username),
      integrity: (db.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check,
    };
  } finally {
    db.close();
  }
};

/** A sign-up post exactly as a browser without JavaScript sends it: its content type and bytes. */
async function signUpBody(hidden: [string, string][], user: TestUser, altcha: string) {
  const form = new FormData();
  for (const [name, value] of hidden) form.append(name, value);
  for (const [name, value] of Object.entries({ username: user.username, email: user.email, password: user.password, confirmPassword: user.password, altcha })) {
    form.append(name, value);
  }
  const encoded = new Response(form);
  return { type: encoded.headers.get("content-type")!, body: Buffer.from(await encoded.arrayBuffer()) };
}

const SETTINGS = { TRUST_PROXY: "1", POW_MAX_NUMBER: "1000", SIGNUP_IP_MAX_PER_HOUR: "100" };

test.describe("a server stopped or killed while it serves", () => {
  // One extra server at a time, on ports of their own.
  test.describe.configure({ mode: "default" });
  // Each test makes a SQLite file of its own: the same test again in the PostgreSQL pass would
  // prove nothing new about PostgreSQL.
  test.skip(onPostgres, "SQLite files of their own");
  let server: ExtraServer | undefined;
  test.afterEach(() => server?.kill("SIGKILL"));

  test("SIGTERM: the sign-up under way finishes, new connections are refused, the database is closed, exit 0 within 10 s", async ({ browser, request }) => {
    const port = extraPort(19);
    const origin = `http://localhost:${port}`;
    const file = migratedDatabase("sigterm");
    server = await startServer(port, { ...SETTINGS, DATABASE_URL: `file:./${file}` });
    const hidden = await actionFields(browser, `${origin}/signup`);
    const user = newUser();
    const ip = newIp();
    const { type, body } = await signUpBody(hidden, user, await solvedChallenge(request, origin, "signup", ip));

    // The browser has sent half of its sign-up when the server is told to stop.
    const half = Math.floor(body.length / 2);
    const post = http.request(`${origin}/signup`, {
      method: "POST",
      headers: { "content-type": type, "content-length": String(body.length), origin, "x-forwarded-for": ip },
    });
    const answer = new Promise<{ status: number; location?: string }>((resolve, reject) => {
      post.on("response", (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode!, location: response.headers.location }));
      });
      post.on("error", reject);
    });
    post.write(body.subarray(0, half));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));

    // No new connection is taken...
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
    // ...but the sign-up under way completes, and is kept.
    post.end(body.subarray(half));
    expect(await answer).toEqual({ status: 303, location: "/dashboard" });
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    // Closed cleanly: SQLite folded its write-ahead log into the file and removed it.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const after = usernamesIn(file);
    expect(after.usernames).toEqual([user.username]);
    expect(after.integrity).toBe("ok");
  });

  test("SIGKILL in the middle of a sign-up storm: no acknowledged account is lost and the file is intact", async ({ browser, request }) => {
    const port = extraPort(20);
    const origin = `http://localhost:${port}`;
    const file = migratedDatabase("sigkill");
    server = await startServer(port, { ...SETTINGS, DATABASE_URL: `file:./${file}` });
    const hidden = await actionFields(browser, `${origin}/signup`);
    const people = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const ip = newIp();
        const user = newUser();
        return { user, ip, ...(await signUpBody(hidden, user, await solvedChallenge(request, origin, "signup", ip))) };
      }),
    );

    let killed = false;
    const acknowledged: string[] = [];
    const outcomes = await Promise.allSettled(
      people.map(async ({ user, ip, type, body }, i) => {
        // A storm, not a wall: the posts arrive over about half a second.
        await new Promise((resolve) => setTimeout(resolve, i * 12));
        const response = await fetch(`${origin}/signup`, {
          method: "POST",
          headers: { "content-type": type, origin, "x-forwarded-for": ip },
          body,
          redirect: "manual",
        });
        if (response.status === 303) acknowledged.push(user.username);
        // Killed once five sign-ups are acknowledged, with the others under way.
        if (!killed && acknowledged.length >= 5) {
          killed = true;
          server!.kill("SIGKILL");
        }
        return response.status;
      }),
    );
    expect(await server.exited).toEqual({ code: null, signal: "SIGKILL" });
    const refused = outcomes.filter((outcome) => outcome.status === "rejected").length;
    console.log(`storm: ${acknowledged.length} acknowledged, ${refused} cut off by the kill, of ${people.length}`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    expect(refused).toBeGreaterThan(0);

    const after = usernamesIn(file);
    expect(after.integrity).toBe("ok");
    for (const username of acknowledged) expect(after.usernames).toContain(username);
  });
});
