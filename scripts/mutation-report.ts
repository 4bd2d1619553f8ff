/**
 * Renders the last mutation run of every group (`reports/mutation/<group>.json`, written by `npm run mutate`)
 * into the edition's docs/reliability.md ("Mutation testing"): the score, per file, and the date of the oldest group's run.
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { writeSection } from "./readmeSection.js"

interface Mutant {
  readonly status: string
}
interface Report {
  readonly files: Record<string, { readonly mutants: ReadonlyArray<Mutant> }>
}

// Run in the edition's folder: the root package's groups, or the Effect 4 edition's one group (its own modules).
const root = new URL(`file://${process.cwd()}/`)
const groups = existsSync(new URL("stryker.config.mjs", root)) && process.cwd().endsWith("effect4")
  ? ["effect4"]
  : ["core", "transport", "operations", "emulator", "account", "spend", "monitoring"]
const missing = groups.filter((group) => !existsSync(new URL(`reports/mutation/${group}.json`, root)))
if (missing.length === groups.length) {
  console.error("mutation report: no group has a report; run npm run mutate first")
  process.exit(1)
}
const files = groups.filter((group) => !missing.includes(group)).map((group) =>
  new URL(`reports/mutation/${group}.json`, root)
)
const report: Report = {
  files: Object.assign({}, ...files.map((file) => (JSON.parse(readFileSync(file, "utf8")) as Report).files))
}
const present = groups.filter((group) => !missing.includes(group))
const dayOf = (file: URL) => new Date(statSync(file).mtimeMs).toISOString().slice(0, 10)

const tally = (mutants: ReadonlyArray<Mutant>) => {
  const count = (...statuses: Array<string>) => mutants.filter((m) => statuses.includes(m.status)).length
  const detected = count("Killed", "Timeout")
  const undetected = count("Survived", "NoCoverage")
  return { detected, undetected, score: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected) }
}

const rows = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b)).map(([name, { mutants }]) => {
  const { detected, score, undetected } = tally(mutants)
  return `| \`${name}\` | ${detected + undetected} | ${detected} | ${undetected} | ${score.toFixed(1)}% |`
})
const all = tally(Object.values(report.files).flatMap((f) => f.mutants))
const scope = groups[0] === "effect4"
  ? "this edition's own modules (the code written once in `core/` is mutated in the root package's run)"
  : missing.length === 0
  ? "all of `src/` (the copies of `core/` included)"
  : `${groups.length - missing.length === 1 ? "the group" : "the groups"} ${
    groups.filter((group) => !missing.includes(group)).join(", ")
  } only (not yet run: ${missing.join(", ")})`
const byGroup = present.map((group, i) => {
  const groupReport = JSON.parse(readFileSync(files[i]!, "utf8")) as Report
  const { score } = tally(Object.values(groupReport.files).flatMap((f) => f.mutants))
  return `${group} ${score.toFixed(1)}% (${dayOf(files[i]!)})`
})
const table = [
  `Mutation score **${all.score.toFixed(1)}%** (${all.detected} of ${
    all.detected + all.undetected
  } mutants detected) over ${scope}, StrykerJS. By group: ${byGroup.join(", ")}.`,
  "",
  "| file | mutants | detected | survived | score |",
  "|---|---|---|---|---|",
  ...rows
].join("\n")

writeSection("docs/reliability.md", "mutation", table)
console.log(`mutation report: docs/reliability.md updated (${all.score.toFixed(1)}%)`)
