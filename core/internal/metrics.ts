import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Metric from "effect/Metric"
import { type Counter, failureTag, type Histogram, histogram, withAttributes } from "./effectKit.js"

/**
 * The counter of attempts (`Metrics.requests`).
 *
 * @internal
 */
export const requests: Counter = /* @__PURE__ */ Metric.counter("openrouter.client.requests", {
  description: "HTTP requests sent to OpenRouter, one per attempt, by operation, method and outcome",
  incremental: true
})

/**
 * The histogram of attempt durations, in seconds (`Metrics.requestDuration`).
 *
 * @internal
 */
export const requestDuration: Histogram = /* @__PURE__ */ histogram(
  "http.client.request.duration",
  "Duration of HTTP client requests to OpenRouter, in seconds",
  [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
)

/**
 * The counter of retries (`Metrics.retries`).
 *
 * @internal
 */
export const retries: Counter = /* @__PURE__ */ Metric.counter("openrouter.client.retries", {
  description: "Retries of OpenRouter calls, by operation",
  incremental: true
})

interface AttemptMetrics {
  readonly requests: Counter
  readonly duration: Histogram
}

/**
 * The tagged metrics of each operation, method and outcome, made once: a tagged metric builds its key again and
 * looks it up in the registry on every update. Kept because it pays: without it the Effect 3 edition's call costs
 * 8 to 11% more CPU (`npm run bench:quick`, same run), Effect 4's 4.5%; `attemptMetricsOf` shows it engages.
 *
 * @internal
 */
export const attemptMetricsOf = (name: string, method: string, outcome: number | string): AttemptMetrics => {
  const key = `${name} ${method} ${outcome}`
  let metrics = attemptMetrics.get(key)
  if (metrics === undefined) {
    const attributes = attemptAttributes(name, method, outcome)
    metrics = {
      requests: withAttributes(requests, attributes.requests),
      duration: withAttributes(requestDuration, attributes.duration)
    }
    attemptMetrics.set(key, metrics)
  }
  return metrics
}

/**
 * The attributes of an attempt's two series: the request counter's by outcome; the duration's by status code
 * (a response came) and `error.type` (no response, or a status of 400 or more), as OpenTelemetry names them.
 *
 * @internal
 */
export const attemptAttributes = (name: string, method: string, outcome: number | string): {
  readonly requests: Readonly<Record<string, string>>
  readonly duration: Readonly<Record<string, string>>
} => {
  const status = typeof outcome === "number"
  const common = { "openrouter.operation": name, "http.request.method": method }
  return {
    requests: { ...common, "openrouter.outcome": String(outcome) },
    duration: {
      ...common,
      ...(status && { "http.response.status_code": String(outcome) }),
      ...((!status || outcome >= 400) && { "error.type": String(outcome) })
    }
  }
}

const attemptMetrics = new Map<string, AttemptMetrics>()

/**
 * Records one attempt: a request by its outcome (a status code, or the failure's tag) and its duration since
 * `started` (nanoseconds on the Effect clock). An interrupted attempt is not recorded.
 *
 * @internal
 */
export const recordAttempt = (
  name: string,
  method: string,
  started: bigint,
  exit: Exit.Exit<{ readonly response: { readonly status: number } }, { readonly _tag: string }>
): Effect.Effect<void> => {
  const outcome = Exit.isSuccess(exit) ? exit.value.response.status : failureTag(exit)
  if (outcome === undefined) return Effect.void
  const metrics = attemptMetricsOf(name, method, outcome)
  return Effect.flatMap(Clock.currentTimeNanos, (now) =>
    Effect.andThen(
      Metric.update(metrics.requests, 1),
      Metric.update(metrics.duration, Number(now - started) / 1e9)
    ))
}

const retryMetrics = new Map<string, Counter>()

/**
 * Records one retry of operation `name`.
 *
 * @internal
 */
export const recordRetry = (name: string): Effect.Effect<void> => {
  let metric = retryMetrics.get(name)
  if (metric === undefined) {
    metric = withAttributes(retries, { "openrouter.operation": name })
    retryMetrics.set(name, metric)
  }
  return Metric.update(metric, 1)
}
