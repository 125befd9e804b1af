/** The database a URL names: `postgres://` or `postgresql://` is PostgreSQL, anything else (`file:…`) SQLite. */
export const databaseKind = (url: string): "postgresql" | "sqlite" => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");
