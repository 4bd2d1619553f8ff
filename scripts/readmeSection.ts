import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->` in `file` (relative to the working
 * directory: the edition under test) with `content`; exits with a message when the markers are missing.
 */
export const writeSection = (file: string, name: string, content: string): void => {
  const path = join(process.cwd(), file)
  const text = readFileSync(path, "utf8")
  const start = `<!-- ${name}:start -->`
  const from = text.indexOf(start)
  const to = text.indexOf(`<!-- ${name}:end -->`)
  if (from < 0 || to < from) {
    console.error(`${name} report: ${file} has no ${name} markers`)
    process.exit(1)
  }
  writeFileSync(path, text.slice(0, from + start.length) + "\n" + content + "\n" + text.slice(to))
}
