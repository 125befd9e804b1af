import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { runMigrationFilesWhole } from "./kind";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

// Tuned for a web server: WAL lets readers run while one writer commits, the busy timeout
// queues writers from other processes instead of failing with SQLITE_BUSY, and foreign keys
// make deletes cascade.
const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 10000",
].join(";\n");

/**
 * The better-sqlite3 driver adapter with our connection settings. The Prisma CLI uses it too
 * (prisma.config.ts): there, the shadow database replays migration files, which hold several
 * statements each, so multi-statement SQL is handed to executeScript.
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  /** The connection of the adapter Prisma connected last, with the statements `rows` prepared on it. */
  private connection?: { db: Database.Database; statements: Map<string, Database.Statement> };

  constructor(url: string) {
    super({ url, timeout: 10_000 });
  }

  async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    await adapter.executeScript(PRAGMAS);
    // The adapter's better-sqlite3 handle, which it keeps as `client`.
    this.connection = { db: (adapter as unknown as { client: Database.Database }).client, statements: new Map() };
    return adapter;
  }

  /**
   * The rows of one SELECT (`?` placeholders), on Prisma's connection, through a statement
   * prepared once: lib/db/connect.ts's `rows`, for the statements every request runs. Their
   * SQL is fixed text in the source, so this holds one statement per place that calls it.
   * Undefined until Prisma has connected.
   */
  rows(sql: string, values: string[]): Record<string, unknown>[] | undefined {
    if (!this.connection) return undefined;
    const { db, statements } = this.connection;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement.all(...values) as Record<string, unknown>[];
  }

  async connectToShadowDb(): Promise<Adapter> {
    return runMigrationFilesWhole(await super.connectToShadowDb());
  }
}
