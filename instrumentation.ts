/** Validates every setting when the server starts, so a bad one fails fast with a clear list. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { parseEnv } = await import("./lib/env-schema");
    try {
      parseEnv(process.env);
    } catch (error) {
      console.error(`\n${(error as Error).message}\n`);
      process.exit(1);
    }
  }
}
