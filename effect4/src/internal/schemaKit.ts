/**
 * The few schema combinators Effect 4 renamed, under one name, so that what is built with them (`Errors.ts`) is
 * written once in `core/`. The Effect 3 edition's `internal/schemaKit.ts` gives the same names its own way.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/**
 * A field that may be absent, never `undefined` (`exactOptionalPropertyTypes`).
 *
 * @internal
 */
export const optional = <S extends Schema.Top>(schema: S) => Schema.optionalKey(schema)

/**
 * One of these literal values.
 *
 * @internal
 */
export const literals = <const Values extends ReadonlyArray<string>>(...values: Values) => Schema.Literals(values)

/**
 * A record of strings to strings.
 *
 * @internal
 */
export const stringRecord = Schema.Record(Schema.String, Schema.String)

/**
 * `value`'s fields as JSON, encoded by the JSON codec of the schema that is its class.
 *
 * @internal
 */
export const encodeAsJson = (value: object): Record<string, unknown> =>
  Schema.encodeUnknownSync(
    Schema.toCodecJson(value.constructor as unknown as Schema.Codec<unknown, Record<string, unknown>>)
  )(value) as Record<string, unknown>

const formatter = /* @__PURE__ */ SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * What failed in a decode or an encode: each issue's path, as text, and its message.
 *
 * @internal
 */
export const issuesOf = (
  error: Schema.SchemaError
): Array<{ readonly path: ReadonlyArray<string>; readonly message: string }> =>
  formatter(error.issue).issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)),
    message: issue.message
  }))
