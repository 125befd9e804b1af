import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
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
  constructor(url: string) {
    super({ url, timeout: 10_000 });
  }

  async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    await adapter.executeScript(PRAGMAS);
    return adapter;
  }

  async connectToShadowDb(): Promise<Adapter> {
    return runMigrationFilesWhole(await super.connectToShadowDb());
  }
}
