// npm run db:copy -- --from file:./prisma/dev.db --to postgresql://user:pass@host:5432/db
// Copies every table (users, sessions, links, rate-limit counters, activity…) from one database
// into another that is migrated and empty — in practice from SQLite to PostgreSQL — in one
// transaction, then prints the rows of each table on both sides. It refuses a target that is
// not migrated to the same model or holds any row. Run by jiti.
import { readFileSync } from "node:fs";
import { createPrismaClient } from "../lib/db/connect";

const USAGE = "Usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>";
/** Rows written per statement. */
const BATCH = 500;

type Client = Awaited<ReturnType<typeof createPrismaClient>>;
type Delegate = {
  findMany(args: { skip: number; take: number; orderBy: Record<string, "asc">[] }): Promise<object[]>;
  count(): Promise<number>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
};

/**
 * The models of the data model, each after the models it refers to (every relation is a
 * foreign key to its target), with the fields of its primary key (its @id, or its @@id's), by
 * which it is paged through in a total order.
 */
export function modelsInOrder(schema: string) {
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => ({
    name: name!,
    keys: /^\s*(\w+)\s+\S+.*@id\b/m.exec(body!)?.slice(1, 2) ?? /@@id\(\[([\w\s,]+)\]/.exec(body!)?.[1]!.split(",").map((k) => k.trim()),
    refersTo: [...body!.matchAll(/^\s*\w+\s+(\w+)\??\s+@relation\(fields:/gm)].map((m) => m[1]!),
  }));
  const ordered: typeof models = [];
  const visit = (model: (typeof models)[number], path: string[]) => {
    if (ordered.includes(model)) return;
    if (path.includes(model.name)) throw new Error(`relations form a cycle: ${[...path, model.name].join(" → ")}`);
    for (const target of model.refersTo) visit(models.find((m) => m.name === target)!, [...path, model.name]);
    ordered.push(model);
  };
  for (const model of models) visit(model, []);
  for (const model of ordered) if (!model.keys?.length) throw new Error(`model ${model.name} has no @id or @@id to page through`);
  return ordered.map(({ name, keys }) => ({ name, keys: keys! }));
}

const delegate = (client: object, model: string) => (client as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

async function counts(client: Client, models: { name: string }[]) {
  return Object.fromEntries(await Promise.all(models.map(async ({ name }) => [name, await delegate(client, name).count()] as const)));
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const from = option("--from");
  const to = option("--to");
  if (!from || !to) {
    console.error(USAGE);
    return 2;
  }
  if (from === to) {
    console.error("--from and --to name the same database");
    return 2;
  }
  const models = modelsInOrder(readFileSync("prisma/schema.prisma", "utf8"));
  const [source, target] = await Promise.all([createPrismaClient(from, { statementTimeoutMs: 0 }), createPrismaClient(to, { statementTimeoutMs: 0 })]);
  try {
    let before: Record<string, number>;
    try {
      before = await counts(target, models);
    } catch (error) {
      console.error(`The target ${redact(to)} is not migrated to this model (run DATABASE_URL=<target> npx prisma migrate deploy first):\n${(error as Error).message}`);
      return 1;
    }
    const filled = Object.entries(before).filter(([, rows]) => rows > 0);
    if (filled.length > 0) {
      console.error(`The target ${redact(to)} is not empty (${filled.map(([name, rows]) => `${name}: ${rows}`).join(", ")}); nothing was copied.`);
      return 1;
    }

    console.info(`Copying ${redact(from)} → ${redact(to)}`);
    await target.$transaction(
      async (tx) => {
        for (const { name, keys } of models) {
          const orderBy = keys.map((key) => ({ [key]: "asc" as const }));
          for (let skip = 0; ; skip += BATCH) {
            const rows = await delegate(source, name).findMany({ skip, take: BATCH, orderBy });
            if (rows.length === 0) break;
            await delegate(tx, name).createMany({ data: rows });
          }
        }
      },
      { timeout: 60 * 60_000, maxWait: 60_000 },
    );

    const [fromRows, toRows] = await Promise.all([counts(source, models), counts(target, models)]);
    const width = Math.max(...models.map(({ name }) => name.length));
    console.info(`${"table".padEnd(width)}  ${"from".padStart(8)}  ${"to".padStart(8)}`);
    for (const { name } of models) console.info(`${name.padEnd(width)}  ${String(fromRows[name]).padStart(8)}  ${String(toRows[name]).padStart(8)}`);
    const differ = models.filter(({ name }) => fromRows[name] !== toRows[name]);
    if (differ.length > 0) {
      // Only possible when the source was written to during the copy.
      console.error(`Row counts differ for ${differ.map(({ name }) => name).join(", ")}: was the source in use during the copy?`);
      return 1;
    }
    console.info("Done: every table copied in one transaction.");
    return 0;
  } finally {
    await Promise.all([source.$disconnect(), target.$disconnect()]);
  }
}

if (process.argv[1]?.endsWith("db-copy.ts")) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
