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
export const literals = <const Values extends ReadonlyArray<string | number>>(...values: Values) =>
  Schema.Literal(...values)

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

/**
 * A field that may be absent on the wire and decodes to `null` when it is.
 *
 * @internal
 */
export const nullByDefault = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null })

/**
 * A record from `key` to `value`.
 *
 * @internal
 */
export const record = <K extends Schema.Schema.All & Schema.Schema<string, string, never>, V extends Schema.Schema.All>(
  key: K,
  value: V
) => Schema.Record({ key, value })

/**
 * `schema` with its identifier and the message every failure of it reports.
 *
 * @internal
 */
export const named = <S extends Schema.Annotable.All>(
  schema: S,
  annotations: { readonly identifier?: string; readonly message: string }
): S =>
  schema.annotations({
    ...annotations,
    message: () => ({ message: annotations.message, override: true })
  }) as S

/**
 * `base` narrowed to the values `accepts` takes (a predicate or a pattern), with one message for any failure.
 *
 * @internal
 */
export const refined = <A extends string | number>(
  base: Schema.Schema<A>,
  accepts: RegExp | ((value: A) => boolean),
  annotations: { readonly identifier: string; readonly message: string }
): Schema.Schema<A> =>
  named(
    accepts instanceof RegExp
      ? (base as unknown as typeof Schema.String).pipe(Schema.pattern(accepts)) as unknown as Schema.Schema<A>
      : base.pipe(Schema.filter(accepts)),
    annotations
  )

type Renamed<F, Key extends PropertyKey> = F extends Schema.PropertySignature<
  infer TypeToken,
  infer Type,
  PropertyKey,
  infer EncodedToken,
  infer Encoded,
  infer HasDefault,
  infer R
> ? Schema.PropertySignature<TypeToken, Type, Key, EncodedToken, Encoded, HasDefault, R>
  : F extends Schema.Schema<infer Type, infer Encoded, infer R> ?
    Schema.PropertySignature<":", Type, Key, ":", Encoded, false, R>
  : never

/**
 * The names a struct's fields have on the wire, where they differ from the code's.
 *
 * @internal
 */
export type WireKeys<Fields> = { readonly [Name in keyof Fields]?: string }

/**
 * Fields whose wire names are `keys`' (Effect 3: each renamed field reads its key with `Schema.fromKey`).
 *
 * @internal
 */
export type WireFields<Fields extends Schema.Struct.Fields, Keys extends WireKeys<Fields>> = {
  readonly [Name in keyof Fields]: Keys[Name] extends string ? Renamed<Fields[Name], Keys[Name]> : Fields[Name]
}

/**
 * `fields` read from and written to the wire under `keys`' names: a class built on them decodes the wire form.
 *
 * @internal
 */
export const wireFields = <Fields extends Schema.Struct.Fields, const Keys extends WireKeys<Fields>>(
  fields: Fields,
  keys: Keys
): WireFields<Fields, Keys> =>
  Object.fromEntries(
    Object.entries(fields).map(([name, field]) => {
      const key = (keys as Record<string, string | undefined>)[name]
      if (key === undefined) return [name, field]
      const rename = Schema.fromKey(key) as (signature: unknown) => unknown
      return [name, rename(Schema.isPropertySignature(field) ? field : Schema.propertySignature(field))]
    })
  ) as WireFields<Fields, Keys>

/**
 * A struct whose fields travel under `keys`' names on the wire.
 *
 * @internal
 */
export const wireStruct = <Fields extends Schema.Struct.Fields, const Keys extends WireKeys<Fields>>(
  fields: Fields,
  keys: Keys
) => Schema.Struct(wireFields(fields, keys))

/**
 * A class built on {@link wireFields}, as the wire carries it: in Effect 3 the class itself.
 *
 * @internal
 */
export const fromWire = <S, const Keys>(schema: S, _keys: Keys): S => schema

/**
 * The class `Schema.TaggedError<Self>()(tag, fields)` makes.
 *
 * @internal
 */
export type TaggedErrorClass<Self, Tag extends string, Fields extends Schema.Struct.Fields> = Schema.TaggedErrorClass<
  Self,
  Tag,
  { readonly _tag: Schema.tag<Tag> } & Fields
>
