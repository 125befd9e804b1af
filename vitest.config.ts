import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `import "server-only"` throws outside a React Server Components bundle; its empty entry is a no-op.
      { find: /^server-only$/, replacement: path.resolve(root, "node_modules/server-only/empty.js") },
      { find: /^@\/(.*)$/, replacement: `${root}/$1` },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "test-support/**/*.test.ts"],
    environment: "node",
    // What lib/env.ts requires, and a silent security log (it would print a line for every
    // sign-in the tests make). Tests that need a database set its settings themselves.
    env: { LOG_LEVEL: "silent", AUTH_SECRET: "unit-tests-only-secret-0123456789abcdef" },
    testTimeout: 20_000,
  },
});
