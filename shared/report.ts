import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Writes one section of the reliability report (`reports/<section>.json` of the edition under test, the working
 * directory), read by `npm run report`.
 */
export const writeReport = (section: string, figures: Record<string, unknown>) => {
  const dir = join(process.cwd(), "reports")
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${section}.json`), JSON.stringify(figures, null, 2) + "\n")
}
