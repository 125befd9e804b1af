import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test-support/fresh-database";
import { insertUser } from "@/test-support/users";

// A real SQLite file; createDatabase is called here directly, as lib/db/client.ts does.
const database = freshDatabase();
const { createDatabase } = await import("./connect");
const { prisma, rows } = await createDatabase(process.env.DATABASE_URL!);
afterAll(async () => {
  await prisma.$disconnect();
  database.close();
});

describe("rows: statements straight to the driver adapter", () => {
  // First in the file: nothing has connected Prisma yet.
  it("works before Prisma's first query, and reads each row as an object by column name", async () => {
    const id = insertUser(database.db, { username: "ada", email: "ada@example.com", password: "correct horse battery" }, 4);
    const found = await rows<{ id: string; username: string; email: string }>`
      SELECT "id", "username", "email" FROM "User" WHERE "username" = ${"ada"}`;
    expect(found).toEqual([{ id, username: "ada", email: "ada@example.com" }]);
  });

  it("binds each value as a parameter, in order: nothing in a value is read as SQL", async () => {
    const none = await rows`SELECT "id" FROM "User" WHERE "username" = ${"ada' OR '1'='1"}`;
    expect(none).toEqual([]);
    const both = await rows<{ username: string }>`
      SELECT "username" FROM "User" WHERE "username" = ${"nobody"} OR "email" = ${"ada@example.com"}`;
    expect(both).toEqual([{ username: "ada" }]);
  });

  it("answers each call with its own values when the same statement runs again", async () => {
    insertUser(database.db, { username: "grace", email: "grace@example.com", password: "correct horse battery" }, 4);
    const emailOf = async (username: string) =>
      (await rows<{ email: string }>`SELECT "email" FROM "User" WHERE "username" = ${username}`).map((row) => row.email);
    expect(await Promise.all([emailOf("grace"), emailOf("ada"), emailOf("nobody"), emailOf("grace")])).toEqual([
      ["grace@example.com"],
      ["ada@example.com"],
      [],
      ["grace@example.com"],
    ]);
  });

  it("reads dates as ISO 8601 text that names the same moment Prisma reads", async () => {
    const [viaPrisma] = await prisma.user.findMany({ where: { username: "ada" }, select: { createdAt: true } });
    const [viaDriver] = await rows<{ createdAt: string }>`SELECT "createdAt" FROM "User" WHERE "username" = ${"ada"}`;
    expect(typeof viaDriver.createdAt).toBe("string");
    expect(new Date(viaDriver.createdAt).getTime()).toBe(viaPrisma.createdAt.getTime());
  });

  it("sees what Prisma has just written, on the same connection", async () => {
    await prisma.user.updateMany({ where: { username: "ada" }, data: { role: "admin" } });
    const [row] = await rows<{ role: string }>`SELECT "role" FROM "User" WHERE "username" = ${"ada"}`;
    expect(row.role).toBe("admin");
  });
});
