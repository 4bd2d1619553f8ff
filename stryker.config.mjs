// Mutation testing (`npm run mutate`): StrykerJS changes src/ one small bug at a time and runs the tests that
// cover the change; a mutant no test notices "survives". Not part of `npm test`: it takes long on 2 cores.
// The score goes into the README by `npm run mutate:report`.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  mutate: ["src/**/*.ts", "!src/index.ts", "!src/node.ts", "!src/testing.ts", "!src/internal/version.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/index.html" },
  // A later run re-tests only what changed since this file was written.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always"
}
