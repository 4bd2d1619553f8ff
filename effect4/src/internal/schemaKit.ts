/**
 * The few schema combinators Effect 4 renamed, under one name, so that what is built with them (`Errors.ts`) is
 * written once in `core/`. The Effect 3 edition's `internal/schemaKit.ts` gives the same names its own way.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

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
