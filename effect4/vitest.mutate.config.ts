import { defineConfig, mergeConfig } from "vitest/config"
import base from "./vitest.config.js"

// The suite as mutation testing runs it: without the tests that start child processes or run for seconds by
// design, which add no assertion on src/ that the in-process tests lack. Property tests run 25 cases.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      env: { FC_RUNS: "25" },
      exclude: [
        "test/suite/soak.test.ts",
        "test/suite/quickstart.test.ts",
        "test/suite/compose.test.ts",
        "test/suite/unreadBody.test.ts",
        "test/cli/bin.test.ts",
        "test/cli/terminal.test.ts",
        "test/cli/tour.test.ts",
        "node_modules/**",
        ".stryker-tmp/**"
      ]
    }
  })
)
