export type PostgresCluster = {
  port: number;
  dir: string;
  /** The URL of a database on this cluster. */
  urlOf(database: string): string;
  /** Runs SQL with psql; its output (unaligned, tuples only). */
  psql(sql: string, database?: string): string;
  /** Makes an empty database (or a copy of `template`) and returns its URL. */
  createDatabase(name: string, template?: string): string;
  /** Stops the server and starts it again on the same port and data. */
  restart(): void;
  /** Stops the server ("fast": ends sessions and checkpoints; "immediate": as if it crashed). */
  stopServer(mode?: "fast" | "immediate"): void;
  startServer(): void;
  /** Stops the server and removes every file of the cluster. */
  destroy(): void;
};

export function startPostgres(options?: { port?: number }): Promise<PostgresCluster>;
