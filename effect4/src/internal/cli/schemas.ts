/**
 * The JSON Schema of each `--json` output, made from the schemas that encode it.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { outputs, SCHEMA_VERSION } from "./outputs.js"

/**
 * Every output's JSON Schema document (draft 2020-12), by command, with an `$id` and a title.
 *
 * @internal
 */
export const jsonSchemas = (): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(outputs).map(([name, schema]) => {
      const document = Schema.toJsonSchemaDocument(schema)
      return [name, {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: `https://unpkg.com/openrouter-effect/dist/schemas/${name}.json`,
        title: `openrouter-effect ${name.replace("-", " ")} --json (schemaVersion ${SCHEMA_VERSION})`,
        ...document.schema,
        ...(Object.keys(document.definitions).length === 0 ? {} : { $defs: document.definitions })
      }]
    })
  )
