// Production start on every core: a primary process forks WEB_CONCURRENCY workers (default: one
// per core), each a full Next.js server sharing one port through Node's cluster module.
// Run with `npm run start:cluster` after `npm run build`.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

const port = Number(process.env.PORT) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
const workers = Number(process.env.WEB_CONCURRENCY) || availableParallelism();

if (cluster.isPrimary) {
  // Threads that hash passwords are shared out so processes x threads matches the cores.
  process.env.HASH_THREADS ||= String(Math.max(1, Math.floor(availableParallelism() / workers)));
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  // Each worker drains its requests and closes its database (server.mjs's closeOnSignal);
  // the primary exits once they all have, 0 when every one of them did.
  let failed = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    cluster.on("exit", (_worker, code) => {
      failed ||= code !== 0;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
    });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 9500).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  console.log(`cluster: ${workers} workers on http://${hostname}:${port}`);
} else {
  const { closeOnSignal, startServer } = await import("./server.mjs");
  closeOnSignal(await startServer({ port, hostname }));
}
