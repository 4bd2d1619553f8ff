import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@openrouter-effect/source"] },
  ssr: { resolve: { conditions: ["@openrouter-effect/source"] } },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["node_modules/**", ".stryker-tmp/**"],
    testTimeout: 20_000
  }
})
