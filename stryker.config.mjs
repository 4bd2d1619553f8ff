// Mutation testing (`npm run mutate`): StrykerJS changes src/ one small bug at a time and runs the tests that
// cover the change (the copies of core/ in src/ included: the code both editions share is mutated here, once;
// effect4/ mutates only its own modules); a mutant no test notices "survives". Not part of `npm test`: it takes
// long on 2 cores. The score goes into docs/reliability.md by `npm run mutate:report`.
//
// The modules are mutated in groups (MUTATE_GROUP, one stryker run each, by `npm run mutate`): each group keeps
// its own report and incremental file, so a long run's finished groups are kept, and the report script adds
// the groups up.
export const groups = {
  core: [
    "src/Retry.ts",
    "src/Errors.ts",
    "src/internal/schemaKit.ts",
    "src/internal/execute.ts",
    "src/internal/response.ts",
    "src/internal/effectKit.ts",
    "src/internal/retryKit.ts",
    "src/internal/operations.ts",
    "src/internal/retryRules.ts"
  ],
  transport: [
    "src/internal/deadline.ts",
    "src/internal/sendGate.ts",
    "src/internal/redact.ts",
    "src/internal/retryAfter.ts",
    "src/HttpLayer.ts",
    "src/NodeLayer.ts",
    "src/OpenRouterConfig.ts",
    "src/internal/httpKit.ts"
  ],
  operations: ["src/Credits.ts", "src/Schemas.ts", "src/internal/coinbaseCharge.ts", "src/internal/coinbaseSchemas.ts"],
  emulator: ["src/OpenRouterEmulator.ts", "src/OpenRouterTest.ts", "src/internal/emulator.ts"],
  account: ["src/internal/account.ts"],
  spend: [
    "src/Activity.ts",
    "src/Generations.ts",
    "src/Keys.ts",
    "src/internal/spendSchemas.ts",
    "src/internal/spendable.ts",
    "src/internal/options.ts"
  ],
  monitoring: [
    "src/ApiKeys.ts",
    "src/Metrics.ts",
    "src/Monitor.ts",
    "src/SpendGuard.ts",
    "src/internal/keySchemas.ts",
    "src/internal/metrics.ts",
    "src/internal/remaining.ts",
    "src/internal/durationKit.ts"
  ]
}
const group = process.env.MUTATE_GROUP ?? "core"
if (!(group in groups)) throw new Error(`MUTATE_GROUP must be one of ${Object.keys(groups).join(", ")}`)

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  mutate: groups[group],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  htmlReporter: { fileName: `reports/mutation/${group}.html` },
  // A later run re-tests only what changed since this file was written.
  incremental: true,
  incrementalFile: `reports/mutation/${group}.incremental.json`,
  tempDirName: ".stryker-tmp",
  // The Effect 4 edition is a package of its own; its sandbox copy would only slow every run.
  ignorePatterns: ["effect4"],
  cleanTempDir: "always"
}
