import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->` in README.md of the working directory
 * (the edition under test) with `content`; exits with a message when the markers are missing.
 */
export const writeReadmeSection = (name: string, content: string): void => {
  const file = join(process.cwd(), "README.md")
  const readme = readFileSync(file, "utf8")
  const start = `<!-- ${name}:start -->`
  const from = readme.indexOf(start)
  const to = readme.indexOf(`<!-- ${name}:end -->`)
  if (from < 0 || to < from) {
    console.error(`${name} report: README.md has no ${name} markers`)
    process.exit(1)
  }
  writeFileSync(file, readme.slice(0, from + start.length) + "\n" + content + "\n" + readme.slice(to))
}
