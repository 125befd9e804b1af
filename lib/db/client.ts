import "server-only";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { SqliteAdapterFactory } from "./sqlite-adapter";

const createClient = () => new PrismaClient({ adapter: new SqliteAdapterFactory(env.DATABASE_URL) });

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

/** The one Prisma client. Only modules under lib/db import it. */
export const prisma = globalForPrisma.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

// scripts/server.mjs closes the database after the last request on SIGTERM (every client made
// in this process, should the bundler have loaded this module more than once).
const closers = ((globalThis as { __frontDoorDatabaseClosers?: Set<() => Promise<void>> }).__frontDoorDatabaseClosers ??= new Set());
closers.add(() => prisma.$disconnect());
