// npm run admin -- promote <email or username>   (or demote): makes a person an admin, or a user
// again, on the database the app itself uses (DATABASE_URL, read from the environment, then
// .env.local and .env as Next.js does). The last admin is never demoted. Run by jiti.
import { existsSync } from "node:fs";
import { normalizeEmail, usernameKey } from "../lib/validation/auth";
import { createPrismaClient } from "../lib/db/connect";

const USAGE = "Usage: npm run admin -- promote <email or username>\n       npm run admin -- demote <email or username>";

for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}
process.env.DATABASE_URL ??= "file:./prisma/dev.db";

const [command, who] = process.argv.slice(2);
if ((command !== "promote" && command !== "demote") || !who?.trim()) {
  console.error(USAGE);
  process.exit(2);
}
const role = command === "promote" ? "admin" : "user";

const prisma = await createPrismaClient(process.env.DATABASE_URL);
try {
  const user = await prisma.user.findUnique({
    where: who.includes("@") ? { email: normalizeEmail(who) } : { usernameKey: usernameKey(who.trim()) },
    select: { id: true, username: true, email: true },
  });
  // One conditional statement each, so no other writer can slip in between the check and the
  // change (the last admin is counted in the same statement that demotes).
  const changed = !user
    ? 0
    : role === "admin"
      ? await prisma.$executeRaw`UPDATE "User" SET "role" = 'admin' WHERE "id" = ${user.id} AND "role" <> 'admin'`
      : await prisma.$executeRaw`UPDATE "User" SET "role" = 'user' WHERE "id" = ${user.id} AND "role" = 'admin' AND (SELECT COUNT(*) FROM "User" WHERE "role" = 'admin') > 1`;
  if (user && changed === 1) {
    await prisma.activityEvent.create({
      data: { userId: user.id, actorId: null, type: role === "admin" ? "role.promoted" : "role.demoted", details: JSON.stringify({ via: "command line" }) },
    });
  }
  const current = user && (await prisma.user.findUnique({ where: { id: user.id }, select: { role: true } }));
  const outcome = !user
    ? ({ status: "not-found" } as const)
    : changed === 1
      ? ({ status: "changed", user } as const)
      : current?.role === role
        ? ({ status: "unchanged", user } as const)
        : ({ status: "last-admin", user } as const);
  const name = outcome.status === "not-found" ? who : (outcome.user.username ?? outcome.user.email);
  switch (outcome.status) {
    case "not-found":
      console.error(`No account has the email or username "${who}".`);
      process.exitCode = 1;
      break;
    case "unchanged":
      console.log(`${name} ${role === "admin" ? "is already an admin" : "is not an admin"}.`);
      break;
    case "last-admin":
      console.error(`${name} is the last admin and stays one: promote someone else first.`);
      process.exitCode = 1;
      break;
    case "changed":
      console.log(role === "admin" ? `${name} is now an admin.` : `${name} is no longer an admin.`);
      break;
  }
} finally {
  await prisma.$disconnect();
}
