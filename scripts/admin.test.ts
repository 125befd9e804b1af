import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test-support/fresh-database";
import { insertUser } from "../test-support/users";

// `npm run admin` on a database of its own: promote, demote, and the last admin kept.

const run = promisify(execFile);
const database = freshDatabase();
afterAll(() => database.close());

async function admin(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ["node_modules/jiti/lib/jiti-cli.mjs", "scripts/admin.ts", ...args], {
      env: { ...process.env, DATABASE_URL: `file:${database.file}` },
    });
    return { code: 0, output: stdout.trim() };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: (failed.stdout + failed.stderr).trim() };
  }
}

const roleOf = (id: string) => (database.db.prepare("SELECT role FROM User WHERE id = ?").get(id) as { role: string }).role;
const events = (id: string) =>
  (database.db.prepare("SELECT type FROM ActivityEvent WHERE userId = ? ORDER BY createdAt").all(id) as { type: string }[]).map((e) => e.type);

describe("npm run admin", () => {
  const ada = insertUser(database.db, { username: "Ada", email: "ada@example.com", password: "unused password 1" }, 4);
  const bob = insertUser(database.db, { username: "Bob", email: "bob@example.com", password: "unused password 2" }, 4);

  it("promotes by username in any case or by email, once, and records it", { timeout: 30_000 }, async () => {
    expect(roleOf(ada)).toBe("user");
    expect(await admin("promote", "ADA")).toEqual({ code: 0, output: "Ada is now an admin." });
    expect(roleOf(ada)).toBe("admin");
    expect(await admin("promote", "ada@example.com")).toEqual({ code: 0, output: "Ada is already an admin." });
    expect(events(ada)).toEqual(["role.promoted"]);
  });

  it("never demotes the last admin; with two, demotes one", { timeout: 30_000 }, async () => {
    expect(await admin("demote", "ada")).toEqual({ code: 1, output: "Ada is the last admin and stays one: promote someone else first." });
    expect(roleOf(ada)).toBe("admin");
    expect(await admin("promote", "bob")).toMatchObject({ code: 0 });
    expect(await admin("demote", "ada")).toEqual({ code: 0, output: "Ada is no longer an admin." });
    expect(roleOf(ada)).toBe("user");
    expect(await admin("demote", "bob")).toMatchObject({ code: 1 });
    expect(roleOf(bob)).toBe("admin");
    expect(events(ada)).toEqual(["role.promoted", "role.demoted"]);
  });

  it("refuses unknown people and unknown commands", { timeout: 30_000 }, async () => {
    expect(await admin("promote", "nobody")).toEqual({ code: 1, output: 'No account has the email or username "nobody".' });
    expect(await admin("crown", "ada")).toMatchObject({ code: 2, output: expect.stringContaining("Usage: npm run admin -- promote") });
    expect(await admin("promote")).toMatchObject({ code: 2 });
  });
});
