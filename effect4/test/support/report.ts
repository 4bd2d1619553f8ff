import { mkdirSync, writeFileSync } from "node:fs"

const dir = new URL("../../reports/", import.meta.url)

/** Writes one section of the reliability report (`reports/<section>.json`), read by `npm run report`. */
export const writeReport = (section: string, figures: Record<string, unknown>) => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL(`${section}.json`, dir), JSON.stringify(figures, null, 2) + "\n")
}
