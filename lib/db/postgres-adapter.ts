import { PrismaPg } from "@prisma/adapter-pg";
import { runMigrationFilesWhole } from "./kind";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

export type PostgresOptions = {
  /** Connections this process keeps open at most (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** Statements running longer are cancelled by the server (DATABASE_STATEMENT_TIMEOUT_MS; 0: never). */
  statementTimeoutMs?: number;
  /** An unused connection is closed after this long. */
  idleTimeoutMs?: number;
};

/**
 * The pg driver adapter with our pool settings. TLS comes from the URL (`sslmode=require`,
 * `verify-full`…), as node-postgres reads it. An idle connection the server drops (a restart,
 * a failover) is only logged by the adapter and replaced on the next query, so the app
 * reconnects by itself. While queries fail because the server cannot be reached, the process
 * says so (`__frontDoorDatabaseUnreachable`), and scripts/server.mjs answers 503 instead of 500.
 */
export class PostgresAdapterFactory extends PrismaPg {
  constructor(url: string, { poolMax = 10, statementTimeoutMs = 10_000, idleTimeoutMs = 30_000 }: PostgresOptions = {}) {
    super({
      connectionString: url,
      max: poolMax,
      // A query waits this long for a free connection (or a server that is starting) before it fails.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: idleTimeoutMs,
      ...(statementTimeoutMs > 0 && { statement_timeout: statementTimeoutMs }),
    });
  }

  /** The adapter Prisma connected last. */
  private connected?: Adapter;

  async connect(): Promise<Adapter> {
    this.connected = watchReachability(await super.connect());
    return this.connected;
  }

  /**
   * The rows of one SELECT (`$1`, `$2`… placeholders, text values), on Prisma's pool, each row
   * an object by column name: lib/db/connect.ts's `rows`, for the statements every request
   * runs. Undefined until Prisma has connected.
   */
  async rows(sql: string, values: string[]): Promise<Record<string, unknown>[] | undefined> {
    if (!this.connected) return undefined;
    const argTypes = values.map(() => ({ scalarType: "string" as const, arity: "scalar" as const }));
    const result = await this.connected.queryRaw({ sql, args: values, argTypes });
    return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
  }
}

const OUTAGE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
// PostgreSQL's connection exceptions (class 08), and a server shutting down or starting up.
const OUTAGE_CODES = /^(08...|57P0[123])$/;
const OUTAGE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|ECONNREFUSED|ECONNRESET/;

/** Whether an error from the adapter means the server could not be reached (rather than a bad query). */
function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: { kind?: string; originalCode?: string } }).cause;
  if (cause && typeof cause === "object") {
    if (cause.kind && OUTAGE_KINDS.has(cause.kind)) return true;
    if (cause.originalCode && OUTAGE_CODES.test(cause.originalCode)) return true;
  }
  const code = (error as { code?: unknown }).code;
  return (typeof code === "string" && (OUTAGE_CODES.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET")) || OUTAGE_MESSAGES.test(error.message);
}

/**
 * True from a query that found the database unreachable until the next one that reached it.
 * On globalThis: scripts/server.mjs (plain Node, outside the bundle) reads it.
 */
const state = globalThis as { __frontDoorDatabaseUnreachable?: boolean };

function watchReachability(adapter: Adapter): Adapter {
  for (const method of ["queryRaw", "executeRaw", "executeScript", "startTransaction"] as const) {
    const original = (adapter[method] as (...args: unknown[]) => Promise<unknown>).bind(adapter);
    (adapter as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      try {
        const result = await original(...args);
        state.__frontDoorDatabaseUnreachable = false;
        return result;
      } catch (error) {
        if (isOutage(error)) state.__frontDoorDatabaseUnreachable = true;
        throw error;
      }
    };
  }
  return adapter;
}

const MIGRATE_OPTIONS: PostgresOptions = { poolMax: 2, statementTimeoutMs: 0, idleTimeoutMs: 100 };

/**
 * The adapter the Prisma CLI uses (prisma.config.ts), with two fixes of the pg adapter's
 * migrate support: catalog queries return columns of PostgreSQL's `name` and `"char"` types,
 * which the adapter cannot read (read as text here), and the shadow database is given its own URL (the
 * adapter sets `database` beside a connection string that overrides it, so the shadow pointed
 * at the main database, and was dropped while in use). There, too, migration files (several
 * statements each) are replayed through executeRaw, which runs one: they go to executeScript.
 */
export class PostgresMigrateAdapterFactory extends PostgresAdapterFactory {
  private readonly url: string;

  constructor(url: string) {
    // A command ends when its last connection closes: let idle ones go at once.
    super(url, MIGRATE_OPTIONS);
    this.url = url;
  }

  async connect(): Promise<Adapter> {
    return readCatalogTypesAsText(await super.connect());
  }

  async connectToShadowDb(): Promise<Adapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${database}`;
    const shadow = await new PostgresAdapterFactory(shadowUrl.toString(), MIGRATE_OPTIONS).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return readCatalogTypesAsText(runMigrationFilesWhole(shadow));
  }
}

// PostgreSQL's catalog types the adapter does not read: "char" (one byte) and name.
const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_TYPE = 25;

function readCatalogTypesAsText(adapter: Adapter): Adapter {
  const queryable = adapter as unknown as { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_TYPE;
    return result;
  };
  return adapter;
}
