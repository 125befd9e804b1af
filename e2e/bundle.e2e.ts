import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extraPort } from "../playwright.config";
import { onPostgres, unmigratedDatabase } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, newUser, pageAt, signIn, signOut, signUp, test } from "./fixtures/test";

// The bundle `npm run build` leaves in dist/ (scripts/bundle.mjs), as a host runs it: copied
// into an empty folder outside the repository (so no node_modules of the repo, no dev
// dependencies, can be found), started with ./start on a database nobody migrated.

test.describe("the production bundle", () => {
  test.describe.configure({ mode: "default" });
  let dir = "";
  let server: ExtraServer | undefined;
  test.afterAll(() => {
    server?.kill("SIGKILL");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("copied to an empty folder, ./start migrates a fresh database and serves sign-up and sign-in; SIGTERM stops it cleanly", async ({ browser }) => {
    test.setTimeout(120_000);
    expect(existsSync("dist/start"), "dist/ is made by npm run build").toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), "front-door-bundle-"));
    const app = path.join(dir, "app");
    cpSync("dist", app, { recursive: true });

    const port = extraPort(26);
    const origin = `http://localhost:${port}`;
    const database = onPostgres ? await unmigratedDatabase(dir) : `file:${path.join(dir, "app.db")}`;
    server = await startServer(port, { DATABASE_URL: database, TRUST_PROXY: "1" }, { start: [path.join(app, "start")], cwd: dir, timeoutMs: 60_000 });
    expect(server.lines().join("\n")).toContain("All migrations have been successfully applied.");

    const user = newUser();
    const page = await pageAt(browser, origin);
    await signUp(page, user);
    await expect(page).toHaveURL(`${origin}/dashboard`);
    await signOut(page);
    await signIn(page, user.username, user.password);
    await expect(page.getByText(`Welcome, ${user.username}`)).toBeVisible();
    await page.context().close();

    server.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
