/** The database a URL names: `postgres://` or `postgresql://` is PostgreSQL, anything else (`file:…`) SQLite. */
export const databaseKind = (url: string): "postgresql" | "sqlite" => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");

/** Whether SQL (a migration file) holds more than one statement. */
export function hasSeveralStatements(sql: string) {
  return sql.trim().replace(/;\s*$/, "").includes(";");
}
