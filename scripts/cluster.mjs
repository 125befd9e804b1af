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
  const stop = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  console.log(`cluster: ${workers} workers on http://${hostname}:${port}`);
} else {
  const { startServer } = await import("./server.mjs");
  await startServer({ port, hostname });
}
