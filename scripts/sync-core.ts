/**
 * `core/` holds what both editions run and that does not depend on the Effect major: written once, there, laid out as
 * an edition's `src/` is. Each edition's package compiles only its own `src/`, so it gets a generated copy of every
 * core module at the same place in `src/` (root) and `effect4/src/`, marked as generated. What Effect 4 renamed
 * reaches a core module through a small per-edition module of the same name in each `src/internal/`
 * (`schemaKit.ts`).
 *
 *   npx tsx scripts/sync-core.ts           writes the copies
 *   npx tsx scripts/sync-core.ts --check   fails when a copy differs from its source (CI runs this)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const core = join(root, "core")
const editions = [join(root, "src"), join(root, "effect4", "src")]
const check = process.argv.includes("--check")

const header = (file: string) =>
  `// GENERATED from core/${file} by scripts/sync-core.ts: do not edit here, edit core/${file} and run npm run sync:core\n`

const stale: Array<string> = []
const files = readdirSync(core, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts")).sort()
for (const file of files) {
  const source = readFileSync(join(core, file), "utf8")
  // A module's own doc comment stays first, where the API docs look for it; the mark follows it.
  const overview = source.startsWith("/**") ? source.indexOf("*/\n") + 3 : 0
  const copy = source.slice(0, overview) + header(file) + source.slice(overview)
  for (const dir of editions) {
    const target = join(dir, file)
    let current: string | undefined
    try {
      current = readFileSync(target, "utf8")
    } catch {
      current = undefined
    }
    if (current === copy) continue
    if (check) stale.push(target.slice(root.length + 1))
    else writeFileSync(target, copy)
  }
}

if (stale.length > 0) {
  console.error(`sync:core: these copies differ from core/ (run npm run sync:core):\n  ${stale.join("\n  ")}`)
  process.exit(1)
}
console.log(check ? "sync:core: every copy matches core/" : "sync:core: copies written")
