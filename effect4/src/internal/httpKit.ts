/**
 * The HTTP modules of this edition's Effect (`effect/http`), for the modules written once in `core/`. The Effect 3
 * edition's `internal/httpKit.ts` names `@effect/platform`'s.
 *
 * @internal
 */
export * as FetchHttpClient from "effect/http/FetchHttpClient"
export type * as Headers from "effect/http/Headers"
export type * as HttpBody from "effect/http/HttpBody"
export * as HttpClient from "effect/http/HttpClient"
export * as HttpClientError from "effect/http/HttpClientError"
export * as HttpClientRequest from "effect/http/HttpClientRequest"
export * as HttpClientResponse from "effect/http/HttpClientResponse"

import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient_ from "effect/http/HttpClient"
import * as HttpClientError_ from "effect/http/HttpClientError"
import * as HttpClientRequest_ from "effect/http/HttpClientRequest"
import type * as HttpClientResponse_ from "effect/http/HttpClientResponse"
import * as Tracer from "effect/Tracer"

/**
 * The transport failure of `request`, as this edition's `HttpClient` reports it.
 *
 * @internal
 */
export const transportError = (
  request: HttpClientRequest_.HttpClientRequest,
  cause: unknown
): HttpClientError_.HttpClientError =>
  new HttpClientError_.HttpClientError({ reason: new HttpClientError_.TransportError({ request, cause }) })

/**
 * How reading a response's body fails.
 *
 * @internal
 */
export type BodyError = HttpClientError_.HttpClientError

/**
 * Whether reading a body failed only because there was none.
 *
 * @internal
 */
export const isEmptyBody = (error: BodyError): boolean => error.reason._tag === "EmptyBodyError"

/**
 * `request` with `body` as its JSON body.
 *
 * @internal
 */
export const jsonBody: (
  request: HttpClientRequest_.HttpClientRequest,
  body: unknown
) => HttpClientRequest_.HttpClientRequest = HttpClientRequest_.bodyJsonUnsafe

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
} => {
  const tag = error.reason._tag
  return {
    kind: tag === "DecodeError" || tag === "EmptyBodyError" || tag === "StatusCodeError"
      ? "Response"
      : tag === "InvalidUrlError"
      ? "InvalidUrl"
      : "Transport",
    cause: error.reason.cause,
    description: error.reason.description ?? tag
  }
}

/**
 * The response of a failure that is only its status (`HttpClient.filterStatusOk`), if it is one.
 *
 * @internal
 */
export const statusResponse = (
  error: HttpClientError_.HttpClientError
): HttpClientResponse_.HttpClientResponse | undefined =>
  error.reason._tag === "StatusCodeError" ? error.reason.response : undefined

const alwaysTrue = () => true

/**
 * `effect` with the predicate `make` builds asked about every request a client built on `HttpClient.make` sends.
 * The platform asks it only while propagation is not disabled: it is not, for `effect`, and `make` gets the app's
 * own answer about tracing, to keep.
 *
 * @internal
 */
export const askingEachSend = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  make: (
    outer: (request: HttpClientRequest_.HttpClientRequest) => boolean
  ) => (request: HttpClientRequest_.HttpClientRequest) => boolean
): Effect.Effect<A, E, R> =>
  Effect.updateContext(effect, (context: Context.Context<R>) => {
    const outer = Context.get(context, HttpClient_.TracerDisabledWhen)
    const predicate = make(Context.get(context, Tracer.DisablePropagation) ? alwaysTrue : outer)
    return Context.add(
      Context.add(context, HttpClient_.TracerDisabledWhen, predicate),
      Tracer.DisablePropagation,
      false
    )
  })

/**
 * `effect` without trace headers on its requests.
 *
 * @internal
 */
export const withoutPropagation = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, HttpClient_.TracerDisabledWhen, alwaysTrue)
