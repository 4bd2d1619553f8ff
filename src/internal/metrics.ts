import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { globalValue } from "effect/GlobalValue"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"

/** @internal */
export const requestsKey = MetricKey.counter("openrouter.client.requests", {
  description: "HTTP requests sent to OpenRouter, one per attempt, by operation, method and outcome",
  incremental: true
})

/** @internal */
export const requestDurationKey = MetricKey.histogram(
  "http.client.request.duration",
  MetricBoundaries.fromIterable([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]),
  "Duration of HTTP client requests to OpenRouter, in seconds"
)

/** @internal */
export const retriesKey = MetricKey.counter("openrouter.client.retries", {
  description: "Retries of OpenRouter calls, by operation",
  incremental: true
})

const labels = (pairs: ReadonlyArray<readonly [string, string]>): Array<MetricLabel.MetricLabel> =>
  pairs.map(([name, value]) => MetricLabel.make(name, value))

interface AttemptMetrics {
  readonly requests: Metric.Metric.Counter<number>
  readonly duration: Metric.Metric.Histogram<number>
}

const attemptMetrics = globalValue(
  Symbol.for("openrouter-effect/internal/metrics/attemptMetrics"),
  () => new Map<string, AttemptMetrics>()
)

/**
 * The metrics of an attempt of `name` that ended with `outcome` (a status code, or an error's tag), built
 * once from labelled keys: a metric labelled with `Metric.tagged` builds its key again and looks it up in the
 * registry on every update, which the hot path would pay per call.
 */
const attemptMetricsOf = (name: string, method: string, outcome: number | string): AttemptMetrics => {
  const key = `${name} ${outcome}`
  let metrics = attemptMetrics.get(key)
  if (metrics === undefined) {
    const status = typeof outcome === "number"
    const common = [["openrouter.operation", name], ["http.request.method", method]] as const
    metrics = {
      requests: Metric.fromMetricKey(
        MetricKey.taggedWithLabels(requestsKey, labels([...common, ["openrouter.outcome", String(outcome)]]))
      ),
      duration: Metric.fromMetricKey(MetricKey.taggedWithLabels(
        requestDurationKey,
        labels([
          ...common,
          ...(status ? [["http.response.status_code", String(outcome)] as const] : []),
          ...(!status || outcome >= 400 ? [["error.type", String(outcome)] as const] : [])
        ])
      ))
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
    : Option.getOrUndefined(Cause.failureOption(exit.cause))?._tag
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
    metric = Metric.fromMetricKey(MetricKey.taggedWithLabels(retriesKey, labels([["openrouter.operation", name]])))
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
