/**
 * The HTTP modules of this edition's Effect (`@effect/platform`), for the modules written once in `core/`. The
 * Effect 4 edition's `internal/httpKit.ts` names `effect/http`'s.
 *
 * @internal
 */
export * as FetchHttpClient from "@effect/platform/FetchHttpClient"
export type * as Headers from "@effect/platform/Headers"
export type * as HttpBody from "@effect/platform/HttpBody"
export * as HttpClient from "@effect/platform/HttpClient"
export * as HttpClientError from "@effect/platform/HttpClientError"
export * as HttpClientRequest from "@effect/platform/HttpClientRequest"
export * as HttpClientResponse from "@effect/platform/HttpClientResponse"

import * as HttpClient_ from "@effect/platform/HttpClient"
import * as HttpClientError_ from "@effect/platform/HttpClientError"
import * as HttpClientRequest_ from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse_ from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"

/**
 * The transport failure of `request`, as this edition's `HttpClient` reports it.
 *
 * @internal
 */
export const transportError = (
  request: HttpClientRequest_.HttpClientRequest,
  cause: unknown
): HttpClientError_.HttpClientError => new HttpClientError_.RequestError({ request, reason: "Transport", cause })

/**
 * How reading a response's body fails.
 *
 * @internal
 */
export type BodyError = HttpClientError_.ResponseError

/**
 * Whether reading a body failed only because there was none.
 *
 * @internal
 */
export const isEmptyBody = (error: BodyError): boolean => error.reason === "EmptyBody"

/**
 * `request` with `body` as its JSON body.
 *
 * @internal
 */
export const jsonBody: (
  request: HttpClientRequest_.HttpClientRequest,
  body: unknown
) => HttpClientRequest_.HttpClientRequest = HttpClientRequest_.bodyUnsafeJson

/**
 * What a client's failure says: what failed (`"Response"`: a response came, its body failed), its cause and
 * its description.
 *
 * @internal
 */
export const failureFacts = (error: HttpClientError_.HttpClientError): {
  readonly kind: "Response" | "InvalidUrl" | "Transport"
  readonly cause: unknown
  readonly description: string | undefined
} => ({
  kind: error._tag === "ResponseError" ? "Response" : error.reason === "InvalidUrl" ? "InvalidUrl" : "Transport",
  cause: error.cause,
  description: error.description
})

/**
 * The response of a failure that is only its status (`HttpClient.filterStatusOk`), if it is one.
 *
 * @internal
 */
export const statusResponse = (
  error: HttpClientError_.HttpClientError
): HttpClientResponse_.HttpClientResponse | undefined =>
  error._tag === "ResponseError" && error.reason === "StatusCode" ? error.response : undefined

const alwaysTrue = () => true

/**
 * `effect` with the predicate `make` builds asked about every request a client built on `HttpClient.make` sends.
 * The platform asks it only while the tracer is enabled: it is, for `effect` (set only where the app turned it
 * off), and `make` gets the app's own answer about tracing, to keep.
 *
 * @internal
 */
export const askingEachSend = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  make: (
    outer: (request: HttpClientRequest_.HttpClientRequest) => boolean
  ) => (request: HttpClientRequest_.HttpClientRequest) => boolean
): Effect.Effect<A, E, R> =>
  FiberRef.getWith(
    HttpClient_.currentTracerDisabledWhen,
    (outer) =>
      FiberRef.getWith(FiberRef.currentTracerEnabled, (enabled) => {
        const asking = Effect.locally(effect, HttpClient_.currentTracerDisabledWhen, make(enabled ? outer : alwaysTrue))
        return enabled ? asking : Effect.locally(asking, FiberRef.currentTracerEnabled, true)
      })
  )

/**
 * `effect` without trace headers on its requests.
 *
 * @internal
 */
export const withoutPropagation = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locally(effect, HttpClient_.currentTracerDisabledWhen, alwaysTrue)
