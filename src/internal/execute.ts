import { HttpClient, type HttpClientError, HttpClientRequest } from "@effect/platform"
import { Clock, Effect, type Either, type ParseResult, Redacted } from "effect"
import * as Errors from "../Errors.js"
import { OpenRouterConfig, type Service } from "../OpenRouterConfig.js"
import { type Answer, decodeSuccess, safeUrl } from "./response.js"
import { USER_AGENT } from "./version.js"

/**
 * What distinguishes one operation from another.
 *
 * @internal
 */
export interface Operation<A, E> {
  readonly name: "getCredits" | "createCoinbaseCharge"
  readonly method: "GET" | "POST"
  readonly path: string
  readonly decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
  /** The typed error of a non-2xx answer. */
  readonly statusError: (answer: Answer, nowMillis: number) => E
}

const TOKEN = /^[\x21-\x7e]+$/

/**
 * A bearer token that is safe to put in a header: visible ASCII, no spaces or line breaks.
 *
 * @internal
 */
export const checkToken = (
  operation: string,
  field: string,
  token: Redacted.Redacted<string>
): Effect.Effect<void, Errors.RequestValidationError> =>
  TOKEN.test(Redacted.value(token))
    ? Effect.void
    : Effect.fail(
      new Errors.RequestValidationError({
        operation,
        field,
        expected: "a non-empty token of visible ASCII characters, without spaces or line breaks"
      })
    )

const errorCode = (cause: unknown): string | undefined => {
  for (let current = cause, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string") return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

const describeCause = (cause: unknown): string => {
  const parts: Array<string> = []
  for (let current = cause, depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(current.message)
    current = current.cause
  }
  return parts.length === 0 ? String(cause) : parts.join(": ")
}

const connectionError = (
  method: string,
  url: string,
  error: HttpClientError.HttpClientError
): Errors.ConnectionError => {
  const code = errorCode(error.cause)
  const reason = error._tag === "ResponseError"
    ? "ResponseBody"
    : error.reason === "InvalidUrl"
    ? "InvalidUrl"
    : code === "ECONNREFUSED"
    ? "ConnectionRefused"
    : code === "ENOTFOUND" || code === "EAI_AGAIN"
    ? "HostNotFound"
    : "Transport"
  return new Errors.ConnectionError({ method, url, reason, detail: describeCause(error.cause ?? error.description) })
}

const staticHeaders = (config: Service): Record<string, string> => {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT }
  if (config.appUrl !== undefined) headers["http-referer"] = config.appUrl
  if (config.appTitle !== undefined) headers["x-openrouter-title"] = config.appTitle
  if (config.appCategories !== undefined) headers["x-openrouter-categories"] = config.appCategories
  return headers
}

const alwaysTrue = () => true

/**
 * Sends one operation: builds the request from the config, runs one attempt bounded by the
 * configured timeout, and turns the answer into the decoded value or a typed error, inside a span.
 *
 * @internal
 */
export const execute = <A, E>(
  operation: Operation<A, E>,
  token: Redacted.Redacted<string>,
  body?: unknown
): Effect.Effect<
  A,
  E | Errors.ResponseValidationError | Errors.ConnectionError | Errors.RequestTimeoutError,
  OpenRouterConfig | HttpClient.HttpClient
> =>
  Effect.flatMap(OpenRouterConfig, (config) => {
    const url = config.baseUrl + operation.path
    const shownUrl = safeUrl(url)
    let request = HttpClientRequest.make(operation.method)(url, { headers: staticHeaders(config) }).pipe(
      HttpClientRequest.bearerToken(token)
    )
    if (body !== undefined) {
      request = HttpClientRequest.bodyUnsafeJson(request, body)
    }
    const attempt = Effect.flatMap(HttpClient.HttpClient, (client) => client.execute(request)).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.text, (text): Answer => ({ method: operation.method, url: shownUrl, response, text }))
      ),
      Effect.mapError((error) => connectionError(operation.method, shownUrl, error)),
      Effect.timeoutFail({
        duration: config.timeout,
        onTimeout: () =>
          new Errors.RequestTimeoutError({ method: operation.method, url: shownUrl, timeout: config.timeout })
      }),
      Effect.tap((answer) => Effect.annotateCurrentSpan("http.response.status_code", answer.response.status)),
      Effect.flatMap((answer): Effect.Effect<A, E | Errors.ResponseValidationError> =>
        answer.response.status >= 200 && answer.response.status < 300
          ? decodeSuccess(answer, operation.decode)
          : Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(operation.statusError(answer, now)))
      )
    )
    const traced = config.propagateTraceContext
      ? attempt
      : Effect.locally(attempt, HttpClient.currentTracerDisabledWhen, alwaysTrue)
    return traced.pipe(
      Effect.withSpan(`OpenRouter.${operation.name}`, {
        kind: "client",
        captureStackTrace: false,
        attributes: { "http.request.method": operation.method, "url.full": shownUrl }
      })
    )
  })
