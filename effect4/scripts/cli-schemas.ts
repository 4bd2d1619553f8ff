/**
 * Writes the JSON Schema (draft 2020-12) of every `--json` output of the `openrouter-effect` bin into
 * `dist/schemas/<command>.json`, from the schemas the bin encodes its JSON with (`src/internal/cli/outputs.ts`).
 * Run by `npm run build`.
 *
 *   npx tsx scripts/cli-schemas.ts
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { jsonSchemas } from "../src/internal/cli/schemas.js"

const dir = join(import.meta.dirname, "..", "dist", "schemas")
mkdirSync(dir, { recursive: true })
for (const [name, document] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(document, null, 2) + "\n")
}
console.log(`cli-schemas: ${Object.keys(jsonSchemas()).length} JSON Schemas in dist/schemas/`)
