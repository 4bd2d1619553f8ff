/**
 * The HTTP modules of this edition's Effect (`@effect/platform`), for the modules written once in `core/`. The
 * Effect 4 edition's `internal/httpKit.ts` names `effect/http`'s.
 *
 * @internal
 */
export * as FetchHttpClient from "@effect/platform/FetchHttpClient"
export type * as HttpBody from "@effect/platform/HttpBody"
export * as HttpClient from "@effect/platform/HttpClient"
export * as HttpClientError from "@effect/platform/HttpClientError"
export * as HttpClientResponse from "@effect/platform/HttpClientResponse"

import * as HttpClientError_ from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"

/**
 * The transport failure of `request`, as this edition's `HttpClient` reports it.
 *
 * @internal
 */
export const transportError = (
  request: HttpClientRequest.HttpClientRequest,
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
