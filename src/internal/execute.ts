import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Errors from "../Errors.js"
import { OpenRouterConfig, type Service } from "../OpenRouterConfig.js"
import * as Retry from "../Retry.js"
import { withDeadline } from "./deadline.js"
import { type Answer, decodeSuccess, MAX_ERROR_BYTES, MAX_SUCCESS_BYTES, readBody, safeUrl } from "./response.js"
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
  attempt: number,
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
  return new Errors.ConnectionError({
    method,
    url,
    reason,
    detail: describeCause(error.cause ?? error.description),
    attempts: attempt
  })
}

/** An operation's request as a config shapes it, built on the first call and reused by the next. */
interface Prepared {
  /** The URL as errors and spans show it. */
  readonly shownUrl: string
  /** The request without credentials or body. */
  readonly request: HttpClientRequest.HttpClientRequest
}

const preparedByConfig = new WeakMap<Service, Map<Operation<unknown, unknown>, Prepared>>()

const prepare = (config: Service, operation: Operation<unknown, unknown>): Prepared => {
  let byOperation = preparedByConfig.get(config)
  if (byOperation === undefined) {
    byOperation = new Map()
    preparedByConfig.set(config, byOperation)
  }
  let prepared = byOperation.get(operation)
  if (prepared === undefined) {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT }
    if (config.appUrl !== undefined) headers["http-referer"] = config.appUrl
    if (config.appTitle !== undefined) headers["x-openrouter-title"] = config.appTitle
    if (config.appCategories !== undefined) headers["x-openrouter-categories"] = config.appCategories
    const url = config.baseUrl + operation.path
    prepared = { shownUrl: safeUrl(url), request: HttpClientRequest.make(operation.method)(url, { headers }) }
    byOperation.set(operation, prepared)
  }
  return prepared
}

const alwaysTrue = () => true

const statusOf = (error: Errors.OpenRouterError): number | undefined => "status" in error ? error.status : undefined

const announceRetry = (
  name: string,
  attempt: number,
  error: Errors.OpenRouterError,
  delay: Duration.Duration
) =>
  Effect.gen(function*() {
    const status = statusOf(error)
    const attributes = {
      "openrouter.attempt": attempt,
      "openrouter.error": error._tag,
      "openrouter.retry_delay_ms": Duration.toMillis(delay),
      ...(status === undefined ? {} : { "http.response.status_code": status })
    }
    yield* Effect.logDebug(
      `OpenRouter.${name}: attempt ${attempt} failed (${error._tag}${
        status === undefined ? "" : ` ${status}`
      }); retrying in ${Duration.format(delay)}`
    ).pipe(Effect.annotateLogs(attributes))
    const span = yield* Effect.option(Effect.currentSpan)
    if (span._tag === "Some") {
      const now = yield* Clock.currentTimeNanos
      span.value.event("openrouter.retry", now, attributes)
    }
  })

/**
 * Sends one operation: builds the request from the config, runs attempts bounded by the configured
 * timeout under the retry schedule in force, and turns the answer into the decoded value or a typed
 * error, inside a span.
 *
 * @internal
 */
export const execute = <A, E extends Errors.OpenRouterError>(
  operation: Operation<A, E>,
  token: Redacted.Redacted<string>,
  body?: unknown
): Effect.Effect<
  A,
  E | Errors.ResponseValidationError | Errors.ConnectionError | Errors.RequestTimeoutError,
  OpenRouterConfig | HttpClient.HttpClient
> =>
  Effect.flatMap(OpenRouterConfig, (config) =>
    Effect.flatMap(FiberRef.get(Retry.currentSchedule), (perCall) => {
      const { method } = operation
      const prepared = prepare(config, operation)
      const shownUrl = prepared.shownUrl
      const authorised = HttpClientRequest.bearerToken(prepared.request, token)
      const request = body === undefined ? authorised : HttpClientRequest.bodyUnsafeJson(authorised, body)
      const schedule = perCall ?? config.retry ??
        (method === "POST" ? Retry.defaultPostSchedule : Retry.defaultSchedule)

      const once = (attempt: number) =>
        withDeadline(
          config.timeout,
          (client) =>
            client.execute(request).pipe(
              Effect.flatMap((response) =>
                Effect.map(
                  readBody(response, response.status < 300 ? MAX_SUCCESS_BYTES : MAX_ERROR_BYTES),
                  ({ text, truncated }): Answer => ({ method, url: shownUrl, attempt, response, text, truncated })
                )
              ),
              Effect.mapError((error) => connectionError(method, shownUrl, attempt, error))
            ),
          () => new Errors.RequestTimeoutError({ method, url: shownUrl, timeout: config.timeout, attempts: attempt })
        ).pipe(
          Effect.tap((answer) => Effect.annotateCurrentSpan("http.response.status_code", answer.response.status)),
          Effect.flatMap((answer): Effect.Effect<A, E | Errors.ResponseValidationError> =>
            answer.response.status >= 200 && answer.response.status < 300
              ? decodeSuccess(answer, operation.decode)
              : Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(operation.statusError(answer, now)))
          )
        )

      // The retry machinery is built only after a first failure, which is replayed to the schedule first:
      // a call that succeeds at once pays nothing for it.
      const attempts = schedule === Retry.none ? once(1) : Effect.catchAll(once(1), (first) => {
        let attempt = 1
        let replayed = false
        let lastError: Errors.OpenRouterError = first
        return Effect.suspend(() => replayed ? once(++attempt) : ((replayed = true), Effect.fail(first))).pipe(
          Effect.tapError((error) =>
            Effect.sync(() => {
              lastError = error
            })
          ),
          Effect.retry(
            Schedule.modifyDelayEffect(
              schedule,
              (_, delay) => Effect.as(announceRetry(operation.name, attempt, lastError, delay), delay)
            )
          )
        )
      })
      const traced = config.propagateTraceContext
        ? attempts
        : Effect.locally(attempts, HttpClient.currentTracerDisabledWhen, alwaysTrue)
      return traced.pipe(
        Effect.withSpan(`OpenRouter.${operation.name}`, {
          kind: "client",
          captureStackTrace: false,
          attributes: { "http.request.method": method, "url.full": shownUrl }
        })
      )
    }))
