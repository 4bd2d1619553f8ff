/**
 * The few schema combinators Effect 4 renamed, under one name, so that what is built with them (`Errors.ts`) is
 * written once in `core/`. The Effect 3 edition's `internal/schemaKit.ts` gives the same names its own way.
 *
 * @internal
 */
import type * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
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
export const literals = <const Values extends ReadonlyArray<string | number>>(...values: Values) =>
  Schema.Literals(values)

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

/**
 * A field that may be absent on the wire and decodes to `null` when it is.
 *
 * @internal
 */
export const nullByDefault = <S extends Schema.Top>(schema: S) =>
  Schema.NullOr(schema).pipe(Schema.withDecodingDefaultKey(Effect.succeed(null)))

/**
 * A record from `key` to `value`.
 *
 * @internal
 */
export const record = <K extends Schema.Record.Key, V extends Schema.Top>(key: K, value: V) => Schema.Record(key, value)

/**
 * `schema` with its identifier and the message every failure of it reports.
 *
 * @internal
 */
export const named = <S extends Schema.Top>(
  schema: S,
  annotations: { readonly identifier?: string; readonly message: string }
): S["Rebuild"] => schema.annotate(annotations)

/**
 * `base` narrowed to the values `accepts` takes (a predicate or a pattern), with one message for any failure.
 * The message sits on the base too: it is the one a value of the wrong type reports.
 *
 * @internal
 */
export function refined<S extends Schema.String | Schema.Number>(
  base: S,
  accepts: RegExp | ((value: S["Type"]) => boolean),
  annotations: { readonly identifier: string; readonly message: string }
): S["Rebuild"] {
  const { identifier, message } = annotations
  const checked = base.annotate({ message })
  return (accepts instanceof RegExp
    ? (checked as Schema.String).check(Schema.isPattern(accepts, { message }))
    : checked.check(Schema.makeFilter(accepts as (value: unknown) => boolean, { message }))).annotate({ identifier })
}

/**
 * The names a struct's fields have on the wire, where they differ from the code's.
 *
 * @internal
 */
export type WireKeys<Fields> = { readonly [Name in keyof Fields]?: string }

/**
 * `fields` as they are: Effect 4 renames a class's keys with {@link fromWire}.
 *
 * @internal
 */
export const wireFields = <Fields extends Schema.Struct.Fields, const Keys extends WireKeys<Fields>>(
  fields: Fields,
  _keys: Keys
): Fields => fields

/**
 * A struct whose fields travel under `keys`' names on the wire.
 *
 * @internal
 */
export const wireStruct = <Fields extends Schema.Struct.Fields, const Keys extends WireKeys<Fields>>(
  fields: Fields,
  keys: Keys
) => Schema.Struct(fields).pipe(Schema.encodeKeys(keys))

/**
 * A class built on {@link wireFields}, as the wire carries it: its keys renamed by `Schema.encodeKeys`.
 *
 * @internal
 */
export const fromWire = <
  S extends Schema.Top & { readonly fields: Schema.Struct.Fields },
  const Keys extends WireKeys<S["fields"]>
>(
  schema: S,
  keys: Keys
) => schema.pipe(Schema.encodeKeys(keys))

/**
 * The class `Schema.TaggedError<Self>()(tag, fields)` makes.
 *
 * @internal
 */
export type TaggedErrorClass<Self, Tag extends string, Fields extends Schema.Struct.Fields> = Schema.Class<
  Self,
  Schema.TaggedStruct<Tag, Fields>,
  Cause.YieldableError
>
