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
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // The security log would otherwise print a line for every sign-in the tests make.
    env: { LOG_LEVEL: "silent" },
    testTimeout: 20_000,
  },
});
