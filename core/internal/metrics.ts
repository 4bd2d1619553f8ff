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
  const status = typeof outcome === "number"
  const common = { "openrouter.operation": name, "http.request.method": method }
  return Effect.flatMap(Clock.currentTimeNanos, (now) =>
    Effect.andThen(
      Metric.update(withAttributes(requests, { ...common, "openrouter.outcome": String(outcome) }), 1),
      Metric.update(
        withAttributes(requestDuration, {
          ...common,
          ...(status && { "http.response.status_code": String(outcome) }),
          ...((!status || outcome >= 400) && { "error.type": String(outcome) })
        }),
        Number(now - started) / 1e9
      )
    ))
}

/**
 * Records one retry of operation `name`.
 *
 * @internal
 */
export const recordRetry = (name: string): Effect.Effect<void> =>
  Metric.update(withAttributes(retries, { "openrouter.operation": name }), 1)
