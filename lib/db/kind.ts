// Shared by lib/db and prisma.config.ts, and light: it imports no client, adapter or driver.

/** The database a URL names: `postgres://` or `postgresql://` is PostgreSQL, anything else (`file:…`) SQLite. */
export const databaseKind = (url: string): "postgresql" | "sqlite" => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");

type ScriptRunner = {
  executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
};

/**
 * For the Prisma CLI's shadow database, with either adapter: migrate replays each migration
 * file through executeRaw, which runs one statement, so a file of several goes to
 * executeScript whole.
 */
export function runMigrationFilesWhole<Adapter extends ScriptRunner>(adapter: Adapter): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    const several = query.sql.trim().replace(/;\s*$/, "").includes(";");
    if (query.args.length === 0 && several) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}
