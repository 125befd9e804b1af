import type { PrismaClient } from "./generated/client";
import { databaseKind } from "./kind";
import type { PostgresOptions } from "./postgres-adapter";

/**
 * One database: the Prisma client, and `rows` for the statements that run on every request
 * (the session check). Prisma's own `$queryRaw` has its query compiler plan even a raw
 * statement before the driver runs it, and SQLite's adapter prepares each statement anew:
 * `rows` goes to the same connection (or pool) directly, through a statement SQLite prepares
 * once. On /dashboard, the session check went from about 6 % of the CPU time to 1 % (profiled).
 */
export type Database = {
  prisma: PrismaClient;
  /**
   * The rows of one SELECT, each an object by column name, dates as ISO 8601 text. Written
   * like `$queryRaw`, values bound as parameters: rows\`SELECT … WHERE "id" = ${id}\`.
   */
  rows<Row>(sql: TemplateStringsArray, ...values: string[]): Promise<Row[]>;
};

/**
 * A Prisma client on the database the URL names. Both generated clients have the same models
 * and methods (one data model, see prisma/schema.prisma); the PostgreSQL one is typed as the
 * SQLite one so that the code above works with either. Only the chosen client, adapter and
 * driver are loaded: the other ones would cost every process memory for nothing.
 */
export async function createDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  let prisma: PrismaClient;
  let adapter: { rows(sql: string, values: string[]): Record<string, unknown>[] | undefined | Promise<Record<string, unknown>[] | undefined> };
  // Placeholders as each database writes them: ? in SQLite, $1, $2… in PostgreSQL.
  let placeholder: (n: number) => string;
  if (databaseKind(url) === "postgresql") {
    const [{ PrismaClient: PostgresPrismaClient }, { PostgresAdapterFactory }] = await Promise.all([
      import("./generated-postgresql/client"),
      import("./postgres-adapter"),
    ]);
    const factory = new PostgresAdapterFactory(url, options);
    prisma = new PostgresPrismaClient({ adapter: factory }) as unknown as PrismaClient;
    adapter = factory;
    placeholder = (n) => `$${n}`;
  } else {
    const [{ PrismaClient: SqlitePrismaClient }, { SqliteAdapterFactory }] = await Promise.all([import("./generated/client"), import("./sqlite-adapter")]);
    const factory = new SqliteAdapterFactory(url);
    prisma = new SqlitePrismaClient({ adapter: factory });
    adapter = factory;
    placeholder = () => "?";
  }
  return {
    prisma,
    async rows<Row>(strings: TemplateStringsArray, ...values: string[]) {
      const sql = strings.reduce((text, part, i) => text + placeholder(i) + part);
      // Prisma connects on its first query; before that, there is no connection to use.
      let found = await adapter.rows(sql, values);
      if (!found) {
        await prisma.$connect();
        found = await adapter.rows(sql, values);
        if (!found) throw new Error("The database did not connect.");
      }
      return found as Row[];
    },
  };
}

/** The Prisma client alone, for scripts (scripts/admin.ts, scripts/db-copy.ts). */
export async function createPrismaClient(url: string, options: PostgresOptions = {}): Promise<PrismaClient> {
  return (await createDatabase(url, options)).prisma;
}
