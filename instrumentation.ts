import type { Instrumentation } from "next";

/** Validates every setting when the server starts, so a bad one fails fast with a clear list. */
export async function register() {
  // Written as a block (not an early return) so that the edge build leaves the Node.js-only code out.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { parseEnv } = await import("./lib/env-schema");
    try {
      parseEnv(process.env);
    } catch (error) {
      process.stderr.write(`\n${(error as Error).message}\n\n`);
      process.exit(1);
    }
    const { routeConsoleToLog } = await import("./lib/log");
    routeConsoleToLog();
  }
}

/**
 * Every unexpected error of a request, logged once through the app's logger with the request's
 * id (X-Request-Id, which the error page shows) and never with its query string, where a
 * link's secret may sit.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logRequestError } = await import("./lib/log");
    const id = request.headers["x-request-id"];
    logRequestError(error, {
      requestId: Array.isArray(id) ? id[0] : id,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    });
  }
};
