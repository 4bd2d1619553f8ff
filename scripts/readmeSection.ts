import { readFileSync, writeFileSync } from "node:fs"

/**
 * Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->` in README.md with `content`; exits
 * with a message when the markers are missing.
 */
export const writeReadmeSection = (name: string, content: string): void => {
  const file = new URL("../README.md", import.meta.url)
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
