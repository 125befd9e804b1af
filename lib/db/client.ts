import "server-only";
import { env } from "@/lib/env";
import { createDatabase } from "./connect";
import { databaseKind } from "./kind";

const createClient = () =>
  createDatabase(env.DATABASE_URL, { poolMax: env.DATABASE_POOL_MAX, statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS });

const globalForPrisma = globalThis as unknown as { database?: ReturnType<typeof createClient> };

/**
 * The one Prisma client of the process. Only modules under lib/db import it. Next.js bundles
 * server code in more than one layer (pages and actions; route handlers), each with its own
 * copy of this module: they share one client, and one database connection (or pool), through
 * globalThis (in development, it also outlives hot reloads).
 */
const database = await (globalForPrisma.database ??= createClient());
export const prisma = database.prisma;
/** For statements that run on every request: see lib/db/connect.ts. */
export const rows = database.rows;

// scripts/server.mjs closes the database after the last request on SIGTERM.
(globalThis as { __frontDoorCloseDatabase?: () => Promise<void> }).__frontDoorCloseDatabase = () => prisma.$disconnect();

/** Which database the app runs on, for the few queries that must say things differently. */
export const DATABASE = databaseKind(env.DATABASE_URL);
