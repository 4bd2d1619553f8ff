/**
 * The few schema combinators Effect 4 renamed, under one name, so that what is built with them (`Errors.ts`) is
 * written once in `core/`. The Effect 4 edition's `internal/schemaKit.ts` gives the same names its own way.
 *
 * @internal
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * A field that may be absent, never `undefined` (`exactOptionalPropertyTypes`).
 *
 * @internal
 */
export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * One of these literal values.
 *
 * @internal
 */
export const literals = <const Values extends ReadonlyArray<string>>(...values: Values) => Schema.Literal(...values)

/**
 * A record of strings to strings.
 *
 * @internal
 */
export const stringRecord = Schema.Record({ key: Schema.String, value: Schema.String })

/**
 * `value`'s fields as JSON, encoded by the schema that is its class.
 *
 * @internal
 */
export const encodeAsJson = (value: object): Record<string, unknown> =>
  Schema.encodeUnknownSync(value.constructor as unknown as Schema.Schema<unknown, Record<string, unknown>>)(value)

/**
 * What failed in a decode or an encode: each issue's path, as text, and its message.
 *
 * @internal
 */
export const issuesOf = (
  error: ParseResult.ParseError
): Array<{ readonly path: ReadonlyArray<string>; readonly message: string }> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    path: issue.path.map(String),
    message: issue.message
  }))
