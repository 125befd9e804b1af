import type { PrismaClient } from "./generated/client";
import { databaseKind } from "./kind";
import type { PostgresOptions } from "./postgres-adapter";

/**
 * A Prisma client on the database the URL names. Both generated clients have the same models
 * and methods (one data model, see prisma/schema.prisma); the PostgreSQL one is typed as the
 * SQLite one so that the code above works with either. Only the chosen client, adapter and
 * driver are loaded: the other ones would cost every process memory for nothing.
 */
export async function createPrismaClient(url: string, options: PostgresOptions = {}): Promise<PrismaClient> {
  if (databaseKind(url) === "postgresql") {
    const [{ PrismaClient: PostgresPrismaClient }, { PostgresAdapterFactory }] = await Promise.all([
      import("./generated-postgresql/client"),
      import("./postgres-adapter"),
    ]);
    return new PostgresPrismaClient({ adapter: new PostgresAdapterFactory(url, options) }) as unknown as PrismaClient;
  }
  const [{ PrismaClient: SqlitePrismaClient }, { SqliteAdapterFactory }] = await Promise.all([import("./generated/client"), import("./sqlite-adapter")]);
  return new SqlitePrismaClient({ adapter: new SqliteAdapterFactory(url) });
}
