import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Metric } from "effect"
import { ApiKeys, Credits, Metrics, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { attemptAttributes, attemptMetricsOf, recordAttempt } from "../../src/internal/metrics.js"
import { advancing } from "../support/clock.js"
import {
  counterOf,
  failureBesideDefect,
  histogramOf,
  type Labels,
  metricLabels,
  outcome,
  TestClock
} from "../support/seam.js"

const requestsOf = (operation: string, method: string, outcome: string) =>
  counterOf(Metrics.requests, [
    ["openrouter.operation", operation],
    ["http.request.method", method],
    ["openrouter.outcome", outcome]
  ])

/** The request-duration histogram of `getCredits` (or `operation`) over GET with `labels`, in this order. */
const durationOf = (labels: Labels, operation = "getCredits") =>
  histogramOf(Metrics.requestDuration, [
    ["openrouter.operation", operation],
    ["http.request.method", "GET"],
    ...labels
  ])

const durationsOf = (operation: string, status: number) =>
  durationOf(
    [
      ["http.response.status_code", String(status)],
      ...(status >= 400 ? [["error.type", String(status)] as const] : [])
    ],
    operation
  ).pipe(Effect.map((state) => state.count))

const retriesOf = (operation: string) => counterOf(Metrics.retries, [["openrouter.operation", operation]])

/** How much `read` grew while `effect` ran: metrics are process-wide, so every test compares before and after. */
const growth = <A, E, R>(read: Effect.Effect<number>, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const before = yield* read
    yield* outcome(effect)
    return (yield* read) - before
  })

describe("Metrics", () => {
  it("an attempt's attributes: the status code on a response, error.type from 400 on or without one", () => {
    const common = { "openrouter.operation": "getCredits", "http.request.method": "GET" }
    expect(attemptAttributes("getCredits", "GET", 200)).toEqual({
      requests: { ...common, "openrouter.outcome": "200" },
      duration: { ...common, "http.response.status_code": "200" }
    })
    expect(attemptAttributes("getCredits", "GET", 400).duration).toEqual({
      ...common,
      "http.response.status_code": "400",
      "error.type": "400"
    })
    expect(attemptAttributes("getCredits", "GET", 399).duration).toEqual({
      ...common,
      "http.response.status_code": "399"
    })
    expect(attemptAttributes("getCredits", "GET", "ConnectionError")).toEqual({
      requests: { ...common, "openrouter.outcome": "ConnectionError" },
      duration: { ...common, "error.type": "ConnectionError" }
    })
  })

  it("the tagged metrics of an outcome are made once and reused (the cache that keeps a call's cost down)", () => {
    const first = attemptMetricsOf("getCredits", "GET", 200)
    expect(attemptMetricsOf("getCredits", "GET", 200)).toBe(first)
    expect(attemptMetricsOf("getCredits", "GET", 429)).not.toBe(first)
    expect(attemptMetricsOf("getCurrentKey", "GET", 200)).not.toBe(first)
  })

  it.effect("an attempt whose failure sits inside a larger cause is counted by its error's tag", () =>
    Effect.gen(function*() {
      const error = { _tag: "ConnectionError" }
      const counted = yield* growth(
        requestsOf("getCredits", "GET", "ConnectionError"),
        recordAttempt(
          "getCredits",
          "GET",
          0n,
          Exit.failCause(failureBesideDefect(error))
        )
      )
      expect(counted).toBe(1)
    }))

  it.effect("a successful call: one request with outcome 200, its duration, the balance gauge", () =>
    Effect.gen(function*() {
      expect(yield* growth(requestsOf("getCredits", "GET", "200"), Credits.getCredits)).toBe(1)
      expect(yield* growth(durationsOf("getCredits", 200), Credits.getCredits)).toBe(1)
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 10, totalUsage: 2.5 })
      yield* Credits.getCredits
      expect((yield* Metric.value(Metrics.creditsRemaining)).value).toBe(7.5)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("a retried 429: one request per attempt by status, one retry", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const before = {
        limited: yield* requestsOf("getCredits", "GET", "429"),
        ok: yield* requestsOf("getCredits", "GET", "200"),
        retries: yield* retriesOf("getCredits"),
        durations: yield* durationsOf("getCredits", 429)
      }
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(1))
      yield* advancing(Credits.getCredits)
      expect({
        limited: (yield* requestsOf("getCredits", "GET", "429")) - before.limited,
        ok: (yield* requestsOf("getCredits", "GET", "200")) - before.ok,
        retries: (yield* retriesOf("getCredits")) - before.retries,
        durations: (yield* durationsOf("getCredits", 429)) - before.durations
      }).toEqual({ limited: 1, ok: 1, retries: 1, durations: 1 })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("no response: the error's tag is the outcome", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.disconnect)
      expect(yield* growth(requestsOf("getCredits", "GET", "ConnectionError"), Credits.getCredits)).toBe(1)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("no response: its duration is labelled by the error's type, with no status code", () =>
    Effect.gen(function*() {
      const failed = durationOf([["error.type", "ConnectionError"]]).pipe(Effect.map((state) => state.count))
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.disconnect)
      expect(yield* growth(failed, Credits.getCredits)).toBe(1)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("the duration is the attempt's, in seconds, on the Effect clock", () =>
    Effect.gen(function*() {
      const ok = durationOf([["http.response.status_code", "200"]])
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.delay("2500 millis"))
      yield* TestClock.setTime(1_000_000)
      const before = yield* ok
      yield* advancing(Credits.getCredits)
      const after = yield* ok
      expect([after.count - before.count, after.sum - before.sum]).toEqual([1, 2.5])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("a key with no limit leaves the key-limit gauge as it was", () =>
    Effect.gen(function*() {
      yield* ApiKeys.getCurrentKey.pipe(
        Effect.provide(OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey, retry: Retry.none } }))
      )
      const seen = (yield* Metric.value(Metrics.keyLimitRemaining)).value
      expect(seen).toBe(74.5)
      yield* ApiKeys.getCurrentKey.pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } })))
      expect((yield* Metric.value(Metrics.keyLimitRemaining)).value).toBe(seen)
    }))

  it.effect("getCurrentKey: its requests, and the key-limit gauge", () =>
    Effect.gen(function*() {
      expect(yield* growth(requestsOf("getCurrentKey", "GET", "200"), ApiKeys.getCurrentKey)).toBe(1)
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setKeyLimit({ limit: 50, usage: 12.5 })
      yield* ApiKeys.getCurrentKey
      expect((yield* Metric.value(Metrics.keyLimitRemaining)).value).toBe(37.5)
    }).pipe(
      Effect.provide(OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey, retry: Retry.none } }))
    ))

  it.effect("no metric label carries a key, a token or a URL", () =>
    Effect.gen(function*() {
      const apiKey = "sk-or-v1-METRICS-SECRET-KEY"
      yield* outcome(Credits.getCredits).pipe(
        Effect.provide(OpenRouterTest.layer({ config: { apiKey, retry: Retry.none }, managementKeys: [apiKey] }))
      )
      const labels = yield* metricLabels
      expect(labels.length).toBeGreaterThan(0)
      for (const value of labels) {
        expect(value).not.toContain("sk-or")
        expect(value).not.toMatch(/https?:|\/\//)
      }
    }))
})
