import * as Duration from "effect/Duration"
import type * as Errors from "../Errors.js"

/** @internal */
export const MAX_WAIT: Duration.Duration = Duration.seconds(30)

/** @internal */
export const MAX_TOTAL_WAIT: Duration.Duration = Duration.seconds(60)

const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 524, 529])

/** @internal */
export const isTransient = (error: Errors.OpenRouterError): boolean => {
  switch (error._tag) {
    case "ConnectionError":
      return error.reason !== "InvalidUrl" && error.reason !== "Redirected" && error.reason !== "Closed"
    case "RequestTimeoutError":
      return true
    case "TooManyRequestsResponseError":
    case "InternalServerResponseError":
    case "BadGatewayResponseError":
    case "EdgeNetworkTimeoutResponseError":
    case "ProviderOverloadedResponseError":
    case "OpenRouterDefaultError":
      return TRANSIENT_STATUSES.has(error.status)
    default:
      return false
  }
}

/** @internal */
export const isSafeToRepeat = (error: Errors.OpenRouterError): boolean =>
  error._tag === "ConnectionError"
    ? error.reason === "ConnectionRefused" || error.reason === "HostNotFound"
    : error._tag === "TooManyRequestsResponseError"

/** @internal */
export const retryAfterOf = (error: Errors.OpenRouterError): Duration.Duration | undefined =>
  "retryAfter" in error ? error.retryAfter : undefined

/** A server hint the default schedules will honour: none, or one no longer than {@link MAX_WAIT}. */
export const hintWithinCap = (error: Errors.OpenRouterError): boolean => {
  const hint = retryAfterOf(error)
  return hint === undefined || Duration.toMillis(hint) <= Duration.toMillis(MAX_WAIT)
}

/** A jittered delay as whole milliseconds, no longer than {@link MAX_WAIT}: a `TestClock` can step to it. */
export const cappedWholeMillis = (delay: Duration.Duration): Duration.Duration =>
  Duration.millis(Math.round(Duration.toMillis(Duration.min(delay, MAX_WAIT))))
