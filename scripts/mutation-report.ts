/**
 * Renders the mutation runs into the edition's docs/reliability.md ("Mutation testing"): the score over every
 * file, per group with the date of its run, and per file. A group without a report here (`reports/mutation/`
 * is not committed) keeps the figures its last run left in the page, with that run's date, so the page always
 * covers every file and says how old each figure is.
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { writeSection } from "./readmeSection.js"

interface Mutant {
  readonly status: string
}
interface Report {
  readonly files: Record<string, { readonly mutants: ReadonlyArray<Mutant> }>
}
interface Row {
  readonly file: string
  readonly mutants: number
  readonly detected: number
  readonly group: string
  readonly day: string
}

const cwd = process.cwd()
const here = (path: string) => new URL(path, `file://${cwd}/`)
const page = "docs/reliability.md"
// The Effect 4 edition mutates its own modules in one run; the root package in the groups of its config.
const config = cwd.endsWith("effect4")
  ? {
    effect4: (await import(here("stryker.config.mjs").href) as { default: { mutate: Array<string> } }).default.mutate
  }
  : (await import(here("stryker.config.mjs").href) as { groups: Record<string, Array<string>> }).groups
const groups: ReadonlyArray<string> = Object.keys(config)

const count = (mutants: ReadonlyArray<Mutant>, ...statuses: Array<string>) =>
  mutants.filter((m) => statuses.includes(m.status)).length

const fresh: Array<Row> = groups.flatMap((group) => {
  const file = here(`reports/mutation/${group}.json`)
  if (!existsSync(file)) return []
  const day = new Date(statSync(file).mtimeMs).toISOString().slice(0, 10)
  const report = JSON.parse(readFileSync(file, "utf8")) as Report
  // A report may hold files its group no longer mutates (results an incremental run carried over).
  return Object.entries(report.files).filter(([name]) => config[group]!.includes(name)).map(([name, { mutants }]) => {
    const detected = count(mutants, "Killed", "Timeout")
    return { file: name, mutants: detected + count(mutants, "Survived", "NoCoverage"), detected, group, day }
  })
})
if (fresh.length === 0) {
  console.error("mutation report: no group has a report; run npm run mutate first")
  process.exit(1)
}

// What the page holds now: `| file | group | run | mutants | detected | survived | score |` rows.
const ROW = /^\| `([^`]+)` \| (\w+) \| (\d{4}-\d{2}-\d{2}) \| (\d+) \| (\d+) \| \d+ \| [\d.]+% \|$/
const rerun = new Set(fresh.map((row) => row.group))
const kept: Array<Row> = readFileSync(here(page), "utf8").split("\n").flatMap((line) => {
  const match = ROW.exec(line)
  if (match === null) return []
  const [, file, group, day, mutants, detected] = match as unknown as [string, string, string, string, string, string]
  return rerun.has(group) || !groups.includes(group) || !existsSync(here(file))
    ? []
    : [{ file, group, day, mutants: Number(mutants), detected: Number(detected) }]
})

const rows = [...fresh, ...kept].sort((a, b) => a.file.localeCompare(b.file))
const score = (detected: number, mutants: number) => mutants === 0 ? 100 : (100 * detected) / mutants
const sum = (of: ReadonlyArray<Row>) =>
  of.reduce((t, r) => ({ mutants: t.mutants + r.mutants, detected: t.detected + r.detected }), {
    mutants: 0,
    detected: 0
  })
const all = sum(rows)
const byGroup = groups.flatMap((group) => {
  const mine = rows.filter((row) => row.group === group)
  if (mine.length === 0) return [`${group} not run yet`]
  const { detected, mutants } = sum(mine)
  return [`${group} ${score(detected, mutants).toFixed(1)}% (${mine[0]!.day})`]
})
const missing = Object.entries(config).flatMap(([group, files]) =>
  files.filter((file) => !rows.some((row) => row.file === file)).map((file) => `\`${file}\` (${group})`)
)
const scope = cwd.endsWith("effect4")
  ? "this edition's own modules (the code written once in `core/` is mutated in the root package's run)"
  : "all of `src/` (the copies of `core/` included)"

writeSection(
  page,
  "mutation",
  [
    `Mutation score **${score(all.detected, all.mutants).toFixed(1)}%** (${all.detected} of ${all.mutants} mutants ` +
    `detected) over ${scope}, StrykerJS. By group, with the day of its last run: ${byGroup.join(", ")}.` +
    (missing.length === 0
      ? ""
      : ` Not in these figures (added to its group after the last run, or with no mutant StrykerJS would test): ${
        missing.join(", ")
      }.`),
    "",
    "| file | group | run | mutants | detected | survived | score |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) =>
      `| \`${r.file}\` | ${r.group} | ${r.day} | ${r.mutants} | ${r.detected} | ${r.mutants - r.detected} | ${
        score(r.detected, r.mutants).toFixed(1)
      }% |`
    )
  ].join("\n")
)
console.log(`mutation report: ${page} updated (${score(all.detected, all.mutants).toFixed(1)}%)`)
