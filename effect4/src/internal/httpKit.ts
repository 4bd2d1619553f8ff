/**
 * The HTTP modules of this edition's Effect (`effect/http`), for the modules written once in `core/`. The Effect 3
 * edition's `internal/httpKit.ts` names `@effect/platform`'s.
 *
 * @internal
 */
export * as FetchHttpClient from "effect/http/FetchHttpClient"
export type * as HttpBody from "effect/http/HttpBody"
export * as HttpClient from "effect/http/HttpClient"
export * as HttpClientError from "effect/http/HttpClientError"
export * as HttpClientResponse from "effect/http/HttpClientResponse"

import * as HttpClientError_ from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"

/**
 * The transport failure of `request`, as this edition's `HttpClient` reports it.
 *
 * @internal
 */
export const transportError = (
  request: HttpClientRequest.HttpClientRequest,
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
