/**
 * `suite/` is the behavioural test suite both editions run, written once against the seam each edition gives
 * (`test/support/seam.ts`). Before a run, each edition gets a generated copy in `test/suite/` (ignored by git), so
 * that the copy resolves `effect` and the SDK to that edition's own.
 *
 *   npx tsx scripts/sync-suite.ts    (npm test and npm run test:unit do it first, in both editions)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const suite = join(root, "suite")
const files = readdirSync(suite).filter((name) => name.endsWith(".ts"))

for (const target of [join(root, "test", "suite"), join(root, "effect4", "test", "suite")]) {
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const file of files) {
    writeFileSync(
      join(target, file),
      `// GENERATED from suite/${file} by scripts/sync-suite.ts before each run: edit suite/${file}, not this copy\n` +
        readFileSync(join(suite, file), "utf8")
    )
  }
}
console.log(`sync:suite: ${files.length} file(s) for both editions`)
