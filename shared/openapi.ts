/**
 * Bodies made from the OpenAPI documents in `spec/openrouter/`, for both editions' contract tests: what a response
 * may be, as the document says it, so that the next spec update is a file change and not a hand-copied fixture.
 *
 * Plain TypeScript over the parsed YAML; no Effect.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parse } from "yaml"

/** A JSON Schema node of an OpenAPI 3.0/3.1 document, as far as these documents use it. */
export interface JsonSchema {
  readonly $ref?: string
  readonly type?: string | ReadonlyArray<string>
  readonly nullable?: boolean
  readonly enum?: ReadonlyArray<unknown>
  readonly const?: unknown
  readonly format?: string
  readonly pattern?: string
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly items?: JsonSchema
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly allOf?: ReadonlyArray<JsonSchema>
  readonly example?: unknown
  readonly examples?: ReadonlyArray<unknown>
  readonly minimum?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly "x-speakeasy-unknown-values"?: string
}

/** A parameter of an operation, as these documents write them. */
export interface Parameter {
  readonly $ref?: string
  readonly name?: string
  readonly in?: string
  readonly required?: boolean
  readonly schema?: JsonSchema
}

interface MediaType {
  readonly schema?: JsonSchema
  readonly example?: unknown
  readonly examples?: Readonly<Record<string, { readonly value?: unknown }>>
}

export interface Document {
  readonly paths: Readonly<
    Record<
      string,
      Readonly<
        Record<
          string,
          {
            readonly parameters?: ReadonlyArray<Parameter>
            readonly requestBody?: { readonly content?: Readonly<Record<string, MediaType>> }
            readonly responses: Readonly<
              Record<string, { readonly content?: Readonly<Record<string, MediaType>> }>
            >
          }
        >
      >
    >
  >
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> }
}

const SPEC_DIR = fileURLToPath(new URL("../spec/openrouter/", import.meta.url))

/** One of the documents in `spec/openrouter/`, parsed. */
export const loadDocument = (file: string): Document => parse(readFileSync(SPEC_DIR + file, "utf8")) as Document

const resolve = (doc: Document, schema: JsonSchema): JsonSchema => {
  if (schema.$ref === undefined) return schema
  const name = schema.$ref.replace("#/components/schemas/", "")
  const target = doc.components?.schemas?.[name]
  if (target === undefined) throw new Error(`unresolved $ref ${schema.$ref}`)
  return resolve(doc, target)
}

const typesOf = (schema: JsonSchema): ReadonlyArray<string> =>
  schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : schema.type

const isNullable = (schema: JsonSchema): boolean =>
  schema.nullable === true || typesOf(schema).includes("null") || schema.enum?.includes(null) === true

/** How to fill what the document leaves open. */
interface Fill {
  /** `null` for every nullable field, else a value of its other type. */
  readonly nulls: boolean
  /** Only the required properties, else every property. */
  readonly requiredOnly: boolean
  /** A value no one has seen yet in every enum the document marks open (`x-speakeasy-unknown-values: allow`). */
  readonly newEnumValues: boolean
}

const sampleString = (schema: JsonSchema): string =>
  schema.format === "date-time"
    ? "2026-10-12T00:00:00.000Z"
    : schema.format === "date"
    ? "2026-10-12"
    : schema.pattern?.startsWith("^gen-")
    ? "gen-1234567890-abc"
    : "text"

const sample = (doc: Document, input: JsonSchema, fill: Fill): unknown => {
  const schema = resolve(doc, input)
  if (schema.allOf !== undefined) {
    return Object.assign({}, ...schema.allOf.map((part) => sample(doc, part, fill)))
  }
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) {
    const nonNull = alternatives.filter((alternative) => !typesOf(resolve(doc, alternative)).includes("null"))
    if (fill.nulls && nonNull.length < alternatives.length) return null
    return sample(doc, nonNull[0] ?? alternatives[0]!, fill)
  }
  if (fill.nulls && isNullable(schema)) return null
  if (schema.const !== undefined) return schema.const
  if (schema.enum !== undefined) {
    if (fill.newEnumValues && schema["x-speakeasy-unknown-values"] === "allow") {
      return typesOf(schema).includes("integer") || typesOf(schema).includes("number") ? 424242 : "a_value_added_later"
    }
    return schema.enum.find((value) => value !== null)
  }
  const type = typesOf(schema).find((t) => t !== "null") ?? (schema.properties !== undefined ? "object" : "string")
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {}
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (!fill.requiredOnly || schema.required?.includes(name)) out[name] = sample(doc, property, fill)
      }
      return out
    }
    case "array":
      return fill.requiredOnly || schema.items === undefined ? [] : [sample(doc, schema.items, fill)]
    case "integer":
      return Math.max(schema.minimum ?? 0, 3)
    case "number":
      return Math.max(schema.minimum ?? 0, 2.5)
    case "boolean":
      return false
    default:
      return sampleString(schema)
  }
}

/** `value` with a field no document names added to every object in it. */
export const withExtraFields = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withExtraFields)
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, unknown> = { field_added_later: { nested: [1, "two"] } }
  for (const [key, field] of Object.entries(value)) out[key] = withExtraFields(field)
  return out
}

/** A response body the document allows, with a name that says what it is. */
export interface Body {
  readonly name: string
  readonly body: unknown
}

/**
 * Bodies a 2xx response of `method path` may have, per `doc`:
 * (a) only the required fields (with `null` wherever allowed, and with values), (b) every example the document
 * gives (the media type's, its named examples, the schema's own), (c) every field with values, plus fields no
 * document names at every level, and a new value in every open enum.
 */
export const responseBodies = (doc: Document, path: string, method: string): ReadonlyArray<Body> => {
  const responses = doc.paths[path]?.[method]?.responses
  if (responses === undefined) throw new Error(`no ${method.toUpperCase()} ${path} in the document`)
  const bodies: Array<Body> = []
  for (const [status, response] of Object.entries(responses)) {
    if (!status.startsWith("2")) continue
    const media = response.content?.["application/json"]
    if (media?.schema === undefined) continue
    const schema = media.schema
    const fill = (nulls: boolean, requiredOnly: boolean, newEnumValues = false) =>
      sample(doc, schema, { nulls, requiredOnly, newEnumValues })
    bodies.push(
      { name: `${status}: required fields only, nulls where allowed`, body: fill(true, true) },
      { name: `${status}: required fields only, with values`, body: fill(false, true) },
      { name: `${status}: every field, with values`, body: fill(false, false) },
      { name: `${status}: every field, extra fields at every level`, body: withExtraFields(fill(false, false)) },
      { name: `${status}: every field, a new value in every open enum`, body: fill(false, false, true) }
    )
    if (media.example !== undefined) bodies.push({ name: `${status}: the media type's example`, body: media.example })
    for (const [name, example] of Object.entries(media.examples ?? {})) {
      if (example.value !== undefined) bodies.push({ name: `${status}: example "${name}"`, body: example.value })
    }
    const resolved = resolve(doc, schema)
    if (resolved.example !== undefined) bodies.push({ name: `${status}: the schema's example`, body: resolved.example })
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      const example = resolve(doc, property).example
      if (example !== undefined) {
        bodies.push({
          name: `${status}: the example of "${name}"`,
          body: { ...(fill(false, false) as Record<string, unknown>), [name]: example }
        })
      }
    }
  }
  return bodies
}

const typeOfValue = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
    ? "array"
    : typeof value === "number"
    ? Number.isInteger(value) ? "integer" : "number"
    : typeof value

/**
 * Where `value` strays from `schema`: a missing required field, a value of another type, a value outside a
 * closed enum. An empty list: it conforms, as far as these documents constrain it.
 */
export const problems = (doc: Document, input: JsonSchema, value: unknown, at = "$"): ReadonlyArray<string> => {
  const schema = resolve(doc, input)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) {
    const each = alternatives.map((alternative) => problems(doc, alternative, value, at))
    return each.some((found) => found.length === 0) ? [] : each[0] ?? []
  }
  if (schema.allOf !== undefined) return schema.allOf.flatMap((part) => problems(doc, part, value, at))
  if (value === null) return isNullable(schema) ? [] : [`${at}: null where the document allows none`]
  if (schema.const !== undefined && value !== schema.const) return [`${at}: not ${JSON.stringify(schema.const)}`]
  if (
    schema.enum !== undefined && schema["x-speakeasy-unknown-values"] !== "allow" && !schema.enum.includes(value)
  ) {
    return [`${at}: ${JSON.stringify(value)} is none of ${JSON.stringify(schema.enum)}`]
  }
  const types = typesOf(schema).filter((t) => t !== "null")
  const actual = typeOfValue(value)
  if (types.length > 0 && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    return [`${at}: a ${actual} where the document says ${types.join(" or ")}`]
  }
  if (actual === "string") {
    const text = value as string
    if (schema.minLength !== undefined && text.length < schema.minLength) {
      return [`${at}: shorter than ${schema.minLength}`]
    }
    if (schema.maxLength !== undefined && text.length > schema.maxLength) {
      return [`${at}: longer than ${schema.maxLength}`]
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(text)) {
      return [`${at}: does not match ${schema.pattern}`]
    }
    if (
      schema.format === "date-time" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ) {
      return [`${at}: not an RFC 3339 date-time`]
    }
  }
  if (
    (actual === "integer" || actual === "number") && schema.minimum !== undefined && (value as number) < schema.minimum
  ) {
    return [`${at}: below ${schema.minimum}`]
  }
  if (actual === "array" && schema.items !== undefined) {
    return (value as ReadonlyArray<unknown>).flatMap((item, i) => problems(doc, schema.items!, item, `${at}[${i}]`))
  }
  if (actual === "object") {
    const record = value as Record<string, unknown>
    const missing = (schema.required ?? []).filter((name) => !(name in record)).map((name) => `${at}.${name}: missing`)
    const nested = Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
      name in record ? problems(doc, property, record[name], `${at}.${name}`) : []
    )
    return [...missing, ...nested]
  }
  return []
}

/** The schema of the 2xx JSON answer of `method path`. */
export const responseSchema = (doc: Document, path: string, method: string, status = "200"): JsonSchema => {
  const schema = doc.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema
  if (schema === undefined) throw new Error(`no ${status} JSON answer for ${method.toUpperCase()} ${path}`)
  return schema
}

/** A request as it was sent: its query parameters and its JSON body, if any. */
export interface SentRequest {
  readonly query: URLSearchParams
  readonly body: unknown
}

const queryValue = (schema: JsonSchema, text: string): unknown => {
  const types = typesOf(schema)
  if (types.includes("boolean") || (schema as { "x-openrouter-type"?: string })["x-openrouter-type"] === "boolean") {
    return text === "true" ? true : text === "false" ? false : text
  }
  if (types.includes("integer") || types.includes("number")) return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text
  return text
}

/**
 * Where a request strays from what `doc` says `method path` accepts: an unknown or missing query parameter, a
 * parameter or body value the document does not allow. An empty list: valid.
 */
export const requestProblems = (
  doc: Document,
  path: string,
  method: string,
  request: SentRequest
): ReadonlyArray<string> => {
  const operation = doc.paths[path]?.[method]
  if (operation === undefined) throw new Error(`no ${method.toUpperCase()} ${path} in the document`)
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === "query")
  const found: Array<string> = []
  for (const name of new Set(request.query.keys())) {
    const parameter = parameters.find((p) => p.name === name)
    if (parameter === undefined) {
      found.push(`query ${name}: not a parameter of ${method.toUpperCase()} ${path}`)
      continue
    }
    for (const text of request.query.getAll(name)) {
      found.push(...problems(doc, parameter.schema ?? {}, queryValue(parameter.schema ?? {}, text), `query ${name}`))
    }
  }
  for (const parameter of parameters) {
    if (parameter.required === true && !request.query.has(parameter.name ?? "")) {
      found.push(`query ${parameter.name}: missing`)
    }
  }
  const bodySchema = operation.requestBody?.content?.["application/json"]?.schema
  if (bodySchema !== undefined) found.push(...problems(doc, bodySchema, request.body, "body"))
  else if (request.body !== undefined) found.push("body: the operation takes none")
  return found
}
