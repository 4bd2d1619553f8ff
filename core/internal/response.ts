import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Errors from "../Errors.js"
import { type DecodeError, fail, fold, type Result } from "./effectKit.js"
import { type BodyError, type HttpClientResponse, isEmptyBody } from "./httpKit.js"
import { boundJson, keep, safeHeaders, type Scrub } from "./redact.js"
import { parseRetryAfter } from "./retryAfter.js"
import { issuesOf } from "./schemaKit.js"

/**
 * What a finished attempt is: the request it answered and the response as text.
 *
 * @internal
 */
export interface Answer {
  readonly method: string
  readonly url: string
  /** Which attempt this answer ends, from 1. */
  readonly attempt: number
  readonly response: HttpClientResponse.HttpClientResponse
  readonly text: string
  /** Whether the body was longer than the SDK reads, so `text` is only its start. */
  readonly truncated: boolean
  /** The `Content-Encoding` of a body the SDK did not read: it asks for an uncompressed one. */
  readonly unreadEncoding: string | undefined
  /** Removes the credential the request carried from anything an error keeps. */
  readonly scrub: Scrub
}

/**
 * What {@link readBody} read: the text, whether it stopped early, and the encoding of a body it refused.
 *
 * @internal
 */
export interface Body {
  readonly text: string
  readonly truncated: boolean
  readonly unreadEncoding: string | undefined
}

/**
 * The most of a 2xx body the SDK reads (1 MiB); its documented bodies are about 1 KB.
 *
 * @internal
 */
export const MAX_SUCCESS_BYTES = 1024 * 1024

/**
 * The most of an error body the SDK reads (64 KiB): more than the 10,000 characters an error keeps.
 *
 * @internal
 */
export const MAX_ERROR_BYTES = 64 * 1024

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk.subarray(0, size - offset), offset)
    offset += Math.min(chunk.length, size - offset)
  }
  return out
}

const unread = (encoding: string): Body => ({ text: "", truncated: false, unreadEncoding: encoding })

/**
 * The response body as text, reading at most `limit` bytes: a body that says it is small is read whole, any
 * other is streamed and cut off (the rest is never read; the caller aborts the request). A compressed body is
 * not read at all: the SDK asks for an uncompressed one, and transports differ in whether they inflate it.
 *
 * @internal
 */
export const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Body, BodyError> => {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase()
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    return Effect.succeed(unread(encoding.slice(0, 40)))
  }
  const declared = Number(response.headers["content-length"])
  if (Number.isInteger(declared) && declared >= 0 && declared <= limit) {
    return Effect.map(response.text, (text) => ({ text, truncated: false, unreadEncoding: undefined }))
  }
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.runForEachWhile((chunk) => {
        chunks.push(chunk)
        size += chunk.length
        return Effect.succeed(size <= limit)
      }),
      Effect.map((): Body => ({
        text: new TextDecoder().decode(concat(chunks, Math.min(size, limit))),
        truncated: size > limit,
        unreadEncoding: undefined
      })),
      Effect.catchIf(
        (error) => isEmptyBody(error),
        () => Effect.succeed<Body>({ text: "", truncated: false, unreadEncoding: undefined })
      )
    )
  })
}

type Parsed = { readonly json: unknown; readonly error?: never } | { readonly error: string }

const parseJson = (text: string): Parsed => {
  try {
    return { json: JSON.parse(text) }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

const formatPath = (path: ReadonlyArray<string>): string => path.length === 0 ? "(body)" : path.join(".")

const commonFields = (answer: Answer) => ({
  status: answer.response.status,
  method: answer.method,
  url: answer.url,
  headers: safeHeaders(answer.response.headers, answer.scrub),
  attempts: answer.attempt
})

/**
 * A 2xx answer decoded with `decode`, or a `ResponseValidationError` naming the paths that failed.
 *
 * @internal
 */
export const decodeSuccess = <A>(
  answer: Answer,
  decode: (u: unknown) => Result<A, DecodeError>
): Result<A, Errors.ResponseValidationError> => {
  const parsed = parseJson(answer.text)
  let issues: Array<{ readonly path: string; readonly message: string }>
  if (answer.unreadEncoding !== undefined) {
    issues = [{
      path: "(body)",
      message:
        `compressed (Content-Encoding: ${answer.unreadEncoding}) although the SDK asked for an uncompressed body (Accept-Encoding: identity), so not read`
    }]
  } else if (parsed.error === undefined) {
    const decoded = decode(parsed.json)
    const failed = fold(decoded, issuesOf, () => undefined)
    if (failed === undefined) return decoded as Result<A, never>
    issues = failed.slice(0, 20).map((issue) => ({
      path: keep(formatPath(issue.path), answer.scrub).slice(0, 200),
      message: keep(issue.message, answer.scrub).slice(0, 1_000)
    }))
  } else {
    issues = [{
      path: "(body)",
      message: answer.truncated
        ? `larger than ${MAX_SUCCESS_BYTES / 1024 / 1024} MiB, not read further`
        : keep(`not JSON (${parsed.error})`, answer.scrub).slice(0, 1_000)
    }]
  }
  return fail(
    new Errors.ResponseValidationError({
      ...commonFields(answer),
      issues,
      body: keep(answer.text, answer.scrub)
    })
  )
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * What an error body says, read leniently: the status chose the class, and the envelope fills what it can.
 * `code` as a number or a numeric string (else the status), `message` as a string (or `error` itself when it is
 * one), `metadata` when it is an object; a body that is no envelope at all is kept as `body`.
 */
const readEnvelope = (answer: Answer) => {
  const status = answer.response.status
  const parsed = parseJson(answer.text)
  const root = parsed.error === undefined && isRecord(parsed.json) ? parsed.json : undefined
  const raw = root?.["error"]
  if (root === undefined || raw === undefined || raw === null) {
    return { envelope: false, error: { code: status, message: "" }, body: keep(answer.text, answer.scrub) }
  }
  const fields = isRecord(raw) ? raw : {}
  const code = typeof fields["code"] === "number" && Number.isInteger(fields["code"])
    ? fields["code"]
    : typeof fields["code"] === "string" && /^\s*\d{1,9}\s*$/.test(fields["code"])
    ? Number(fields["code"])
    : status
  const message = typeof raw === "string" ? raw : typeof fields["message"] === "string" ? fields["message"] : ""
  const metadata = fields["metadata"]
  const error = {
    code,
    message: keep(message, answer.scrub),
    ...(isRecord(metadata)
      ? { metadata: boundJson(metadata, answer.scrub) as Record<string, unknown> }
      : metadata === null
      ? { metadata: null }
      : {})
  }
  const userId = root["user_id"]
  return {
    envelope: true,
    error,
    ...(typeof userId === "string" ? { userId: keep(userId, answer.scrub).slice(0, 200) } : {})
  }
}

/** The statuses whose `Retry-After` the SDK reads: rate limits and the transient failures that may carry one. */
const HINTED = new Set([429, 502, 503, 524, 529])

/**
 * The typed error for a non-2xx answer: the status chooses the class (400, 401, 402, 403, 404, 409, 429, 500, 502,
 * 524, 529), every other status is `OpenRouterDefaultError`.
 *
 * @internal
 */
export const statusError = (answer: Answer, nowMillis: number): Errors.StatusError => {
  const { response } = answer
  const { body, envelope, ...detail } = readEnvelope(answer)
  const retryAfter = HINTED.has(response.status) ? parseRetryAfter(response.headers, nowMillis) : undefined
  const common = commonFields(answer)
  const typed = { ...common, ...detail, ...(body === undefined || body === "" ? {} : { body }) }
  const hinted = retryAfter === undefined ? typed : { ...typed, retryAfter }
  switch (response.status) {
    case 400:
      return new Errors.BadRequestResponseError(typed)
    case 401:
      return new Errors.UnauthorizedResponseError(typed)
    case 403:
      return new Errors.ForbiddenResponseError(typed)
    case 402:
      return new Errors.PaymentRequiredResponseError(typed)
    case 404:
      return new Errors.NotFoundResponseError(typed)
    case 409:
      return new Errors.ConflictResponseError(typed)
    case 429:
      return new Errors.TooManyRequestsResponseError(hinted)
    case 500:
      return new Errors.InternalServerResponseError(typed)
    case 502:
      return new Errors.BadGatewayResponseError(hinted)
    case 524:
      return new Errors.EdgeNetworkTimeoutResponseError(hinted)
    case 529:
      return new Errors.ProviderOverloadedResponseError(hinted)
  }
  return new Errors.OpenRouterDefaultError({
    ...common,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    contentType: keep(response.headers["content-type"] ?? "", answer.scrub).slice(0, 200),
    body: keep(answer.text, answer.scrub),
    ...(answer.unreadEncoding === undefined ? {} : { unreadEncoding: answer.unreadEncoding }),
    ...(envelope ? detail : {})
  })
}

/**
 * {@link statusError}, where a 410 means the Coinbase endpoint was removed upstream.
 *
 * @internal
 */
export const statusErrorOrGone = (
  answer: Answer,
  nowMillis: number
): Errors.StatusError | Errors.GoneResponseError => {
  if (answer.response.status === 410) {
    const { body, envelope: _, ...detail } = readEnvelope(answer)
    return new Errors.GoneResponseError({
      ...commonFields(answer),
      ...detail,
      ...(body === undefined || body === "" ? {} : { body })
    })
  }
  return statusError(answer, nowMillis)
}
