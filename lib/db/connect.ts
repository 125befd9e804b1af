import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-postgresql/client";
import { PostgresAdapterFactory, type PostgresOptions } from "./postgres-adapter";
import { databaseKind } from "./kind";
import { SqliteAdapterFactory } from "./sqlite-adapter";

/**
 * A Prisma client on the database DATABASE_URL names. Both generated clients have the same
 * models and methods (one data model, see prisma/schema.prisma); the PostgreSQL one is typed
 * as the SQLite one so that the code above works with either.
 */
export function createPrismaClient(url: string, options: PostgresOptions = {}): PrismaClient {
  if (databaseKind(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PostgresAdapterFactory(url, options) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new SqliteAdapterFactory(url) });
}
