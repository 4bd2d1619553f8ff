// GENERATED from core/internal/retryAfter.ts by scripts/sync-core.ts: do not edit here, edit core/internal/retryAfter.ts and run npm run sync:core
import * as Duration from "effect/Duration"

const SECONDS = /^\d+$/

/** Any figure a server sends, kept exact up to 2^53-1 ms (285,000 years), so an error stays encodable. */
const clamped = (millis: number): Duration.Duration =>
  Duration.millis(Math.min(Math.round(millis), Number.MAX_SAFE_INTEGER))
const MILLIS = /^\d+(?:\.\d+)?$/

/**
 * How long the server asked to wait: `retry-after-ms` (milliseconds) first, then `Retry-After`
 * as whole seconds or an HTTP date (a date in the past means "now"). Anything else, negative
 * numbers included, is ignored.
 *
 * @internal
 */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  nowMillis: number
): Duration.Duration | undefined => {
  const ms = headers["retry-after-ms"]?.trim()
  if (ms !== undefined && MILLIS.test(ms)) {
    return clamped(Number(ms))
  }
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") {
    return undefined
  }
  if (SECONDS.test(value)) {
    return clamped(Number(value) * 1000)
  }
  if (!/[a-z]/i.test(value)) {
    return undefined
  }
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - nowMillis))
}
