// Mutation testing of what only this edition holds (`npm run mutate`): the kits that map core/ onto Effect 4, the
// modules whose API differs by design and the CLI. The code written once in core/ is mutated once, in the root package's
// run. Runs in place (the tests reach ../shared and ../suite, which a sandbox copy of this folder would not):
// do not edit src/ while it runs; StrykerJS restores every file when it ends.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  mutate: [
    "src/Retry.ts",
    "src/Metrics.ts",
    "src/NodeLayer.ts",
    "src/internal/effectKit.ts",
    "src/internal/httpKit.ts",
    "src/internal/schemaKit.ts",
    "src/internal/durationKit.ts",
    "src/internal/retryKit.ts",
    "src/internal/runtime.ts",
    "src/internal/cli/commands.ts",
    "src/internal/cli/exitCodes.ts",
    "src/internal/cli/outputs.ts",
    "src/internal/cli/render.ts"
  ],
  inPlace: true,
  // vitest does not typecheck, so no file needs the `// @ts-nocheck` StrykerJS would otherwise add to them all
  disableTypeChecks: false,
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/effect4.json" },
  htmlReporter: { fileName: "reports/mutation/effect4.html" },
  incremental: true,
  incrementalFile: "reports/mutation/effect4.incremental.json",
  cleanTempDir: "always"
}
