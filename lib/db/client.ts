import "server-only";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { SqliteAdapterFactory } from "./sqlite-adapter";

const createClient = () => new PrismaClient({ adapter: new SqliteAdapterFactory(env.DATABASE_URL) });

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

/**
 * The one Prisma client of the process. Only modules under lib/db import it. Next.js bundles
 * server code in more than one layer (pages and actions; route handlers), each with its own
 * copy of this module: they share one client, and one database connection, through globalThis
 * (in development, it also outlives hot reloads).
 */
export const prisma = (globalForPrisma.prisma ??= createClient());

// scripts/server.mjs closes the database after the last request on SIGTERM.
(globalThis as { __frontDoorCloseDatabase?: () => Promise<void> }).__frontDoorCloseDatabase = () => prisma.$disconnect();
