/**
 * The Effect `Metric`s every call records: read them with `Metric.value`, or export them with
 * `@effect/opentelemetry`. Names follow OpenTelemetry's HTTP client conventions where they exist. No label
 * carries a key, a token or a URL: only the operation, the method, and a status code or an error's tag.
 *
 * @since 0.3.0
 */
import * as Metric from "effect/Metric"
import * as internal from "./internal/metrics.js"

/**
 * HTTP requests sent, one per attempt, by `openrouter.operation` (`getCredits`, `getCurrentKey`,
 * `createCoinbaseCharge`), `http.request.method` and `openrouter.outcome`: the status code (`"200"`,
 * `"429"`, …) or, when no response came, the error's tag (`"ConnectionError"`, `"RequestTimeoutError"`).
 *
 * @example
 * ```ts
 * import { Metrics } from "openrouter-effect"
 * import { Effect, Metric } from "effect"
 *
 * const rateLimited = Metric.value(
 *   Metrics.requests.pipe(
 *     Metric.tagged("openrouter.operation", "getCredits"),
 *     Metric.tagged("http.request.method", "GET"),
 *     Metric.tagged("openrouter.outcome", "429")
 *   )
 * ).pipe(Effect.map((state) => state.count))
 * ```
 * @since 0.3.0
 * @category metrics
 */
export const requests: Metric.Metric.Counter<number> = internal.requests

/**
 * How long each HTTP request took, in seconds, from sending to the body read (OpenTelemetry's
 * `http.client.request.duration`), by `openrouter.operation`, `http.request.method` and
 * `http.response.status_code` or, when no response came, `error.type`. The buckets are OpenTelemetry's.
 *
 * @example
 * ```ts
 * import { Metrics } from "openrouter-effect"
 * import { Effect, Metric } from "effect"
 *
 * const okCalls = Metric.value(
 *   Metrics.requestDuration.pipe(
 *     Metric.tagged("openrouter.operation", "getCredits"),
 *     Metric.tagged("http.request.method", "GET"),
 *     Metric.tagged("http.response.status_code", "200")
 *   )
 * ).pipe(Effect.map((histogram) => [histogram.count, histogram.sum / histogram.count]))
 * ```
 * @since 0.3.0
 * @category metrics
 */
export const requestDuration: Metric.Metric.Histogram<number> = internal.requestDuration

/**
 * Retries decided by the retry schedule, by `openrouter.operation`.
 *
 * @example
 * ```ts
 * import { Metrics } from "openrouter-effect"
 * import { Effect, Metric } from "effect"
 *
 * const retried = Metric.value(Metric.tagged(Metrics.retries, "openrouter.operation", "getCredits")).pipe(
 *   Effect.map((counter) => counter.count)
 * )
 * ```
 * @since 0.3.0
 * @category metrics
 */
export const retries: Metric.Metric.Counter<number> = internal.retries

/**
 * The account's remaining credit (US dollars) as last read by `Credits.getCredits`.
 *
 * @example
 * ```ts
 * import { Metrics } from "openrouter-effect"
 * import { Effect, Metric } from "effect"
 *
 * const lastSeen = Metric.value(Metrics.creditsRemaining).pipe(Effect.map((gauge) => gauge.value))
 * ```
 * @since 0.3.0
 * @category metrics
 */
export const creditsRemaining: Metric.Metric.Gauge<number> = Metric.gauge("openrouter.credits.remaining", {
  description: "Remaining OpenRouter credit of the account in USD, as last read"
})

/**
 * What is left of the key's spending limit (US dollars) as last read by `ApiKeys.getCurrentKey`; not set for a
 * key without a limit.
 *
 * @example
 * ```ts
 * import { Metrics } from "openrouter-effect"
 * import { Effect, Metric } from "effect"
 *
 * const lastSeen = Metric.value(Metrics.keyLimitRemaining).pipe(Effect.map((gauge) => gauge.value))
 * ```
 * @since 0.3.0
 * @category metrics
 */
export const keyLimitRemaining: Metric.Metric.Gauge<number> = Metric.gauge("openrouter.key.limit_remaining", {
  description: "Remaining spending limit of the OpenRouter key in USD, as last read"
})
