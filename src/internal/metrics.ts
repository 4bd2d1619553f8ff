import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { globalValue } from "effect/GlobalValue"
import * as Metric from "effect/Metric"
import * as Metrics from "../Metrics.js"

interface AttemptMetrics {
  readonly requests: Metric.Metric.Counter<number>
  readonly duration: Metric.Metric.Histogram<number>
}

const attemptMetrics = globalValue(
  Symbol.for("openrouter-effect/internal/metrics/attemptMetrics"),
  () => new Map<string, AttemptMetrics>()
)

/** The metrics of an attempt of `name` that ended with `outcome` (a status code, or an error's tag). */
const attemptMetricsOf = (name: string, method: string, outcome: number | string): AttemptMetrics => {
  const key = `${name} ${outcome}`
  let metrics = attemptMetrics.get(key)
  if (metrics === undefined) {
    const status = typeof outcome === "number"
    metrics = {
      requests: Metrics.requests.pipe(
        Metric.tagged("openrouter.operation", name),
        Metric.tagged("http.request.method", method),
        Metric.tagged("openrouter.outcome", String(outcome))
      ),
      duration: Metrics.requestDuration.pipe(
        Metric.tagged("openrouter.operation", name),
        Metric.tagged("http.request.method", method),
        status ? Metric.tagged("http.response.status_code", String(outcome)) : (m) => m,
        !status || outcome >= 400 ? Metric.tagged("error.type", String(outcome)) : (m) => m
      )
    }
    attemptMetrics.set(key, metrics)
  }
  return metrics
}

/**
 * Records one attempt: a request by its outcome and its duration since `started` (nanoseconds on the Effect
 * clock). An interrupted attempt is not recorded.
 *
 * @internal
 */
export const recordAttempt = (
  name: string,
  method: string,
  started: bigint,
  exit: Exit.Exit<{ readonly response: { readonly status: number } }, { readonly _tag: string }>
): Effect.Effect<void> => {
  const outcome = Exit.isSuccess(exit)
    ? exit.value.response.status
    : exit.cause._tag === "Fail"
    ? exit.cause.error._tag
    : undefined
  if (outcome === undefined) return Effect.void
  const metrics = attemptMetricsOf(name, method, outcome)
  return Effect.flatMap(Clock.currentTimeNanos, (now) =>
    Effect.zipRight(
      Metric.increment(metrics.requests),
      Metric.update(metrics.duration, Number(now - started) / 1e9)
    ))
}

const retryMetrics = globalValue(
  Symbol.for("openrouter-effect/internal/metrics/retryMetrics"),
  () => new Map<string, Metric.Metric.Counter<number>>()
)

const retriesOf = (name: string): Metric.Metric.Counter<number> => {
  let metric = retryMetrics.get(name)
  if (metric === undefined) {
    metric = Metric.tagged(Metrics.retries, "openrouter.operation", name)
    retryMetrics.set(name, metric)
  }
  return metric
}

/**
 * Records one retry of operation `name`.
 *
 * @internal
 */
export const recordRetry = (name: string): Effect.Effect<void> => Metric.increment(retriesOf(name))
