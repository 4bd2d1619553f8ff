import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Retry, SpendGuard } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"

const emulated = (apiKey = OpenRouterTest.managementKey) =>
  OpenRouterTest.layer({ config: { apiKey, retry: Retry.none } })

describe("SpendGuard", () => {
  it.effect("1,000 fibers asking at once cost one request", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make({ ttl: "30 seconds" })
      const results = yield* Effect.all(Array.from({ length: 1_000 }, () => Effect.result(guard.require(1))), {
        concurrency: "unbounded"
      })
      expect(results.every((r) => r._tag === "Success")).toBe(true)
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(1)
    }).pipe(Effect.provide(emulated())))

  it.effect("reads again only once the time-to-live has passed", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const guard = yield* SpendGuard.make({ ttl: "30 seconds" })
      yield* guard.require(1)
      yield* TestClock.adjust("29 seconds")
      yield* emulator.setBalance({ totalCredits: 1, totalUsage: 0.5 })
      yield* guard.require(1)
      expect(emulator.counts.requests).toBe(1)
      yield* TestClock.adjust("1 second")
      const error = yield* Effect.flip(guard.require(1))
      expect(emulator.counts.requests).toBe(2)
      expect(error).toMatchObject({ _tag: "InsufficientCreditsError", remaining: 0.5, required: 1, source: "account" })
    }).pipe(Effect.provide(emulated())))

  it.effect("below the requirement: InsufficientCreditsError saying what is left and what to do", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make()
      expect(yield* Effect.result(guard.require(74.75))).toMatchObject({ _tag: "Success" })
      const error = yield* Effect.flip(guard.require(80))
      expect(error._tag).toBe("InsufficientCreditsError")
      expect(error.message).toBe(
        "Refused: $74.75 left on the account (GET /credits), less than the $80 this work requires. Add credits at https://openrouter.ai/settings/credits, or lower the requirement."
      )
      expect(yield* guard.remaining).toBe(74.75)
    }).pipe(Effect.provide(emulated())))

  it.effect("key source: the key's limit; a key without a limit is never refused", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const limited = yield* SpendGuard.make({ source: "key" })
      const error = yield* Effect.flip(limited.require(75))
      expect(error).toMatchObject({ _tag: "InsufficientCreditsError", remaining: 74.5, required: 75, source: "key" })
      expect(error.message).toContain("key's spending limit (GET /key)")
      yield* emulator.setKeyLimit({ limit: null, usage: 1_000 })
      const unlimited = yield* SpendGuard.make({ source: "key" })
      yield* unlimited.require(1_000_000)
      expect(yield* unlimited.remaining).toBeNull()
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect("a failed read surfaces as the read's typed error, one request for all callers", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make()
      const errors = yield* Effect.all(Array.from({ length: 100 }, () => Effect.flip(guard.require(1))), {
        concurrency: "unbounded"
      })
      expect(new Set(errors.map((e) => e._tag))).toEqual(new Set(["ForbiddenResponseError"]))
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(1)
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect.each([Number.NaN, -1, Number.POSITIVE_INFINITY])(
    "an amount of %s: RequestValidationError, nothing read",
    (amount) =>
      Effect.gen(function*() {
        const guard = yield* SpendGuard.make()
        const error = yield* Effect.flip(guard.require(amount))
        expect(error).toMatchObject({
          _tag: "RequestValidationError",
          operation: "SpendGuard.require",
          field: "amount",
          expected: `a finite number of US dollars, 0 or more (got ${String(amount)})`
        })
        expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
      }).pipe(Effect.provide(emulated()))
  )

  it.effect("a requirement of exactly what is left, or of 0, passes", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make()
      yield* guard.require(74.75)
      yield* guard.require(0)
      expect((yield* Effect.flip(guard.require(74.76)))._tag).toBe("InsufficientCreditsError")
    }).pipe(Effect.provide(emulated())))

  it.effect("as a layer, with the require accessor", () =>
    Effect.gen(function*() {
      yield* SpendGuard.require(10)
      const error = yield* Effect.flip(SpendGuard.require(100))
      expect(error._tag).toBe("InsufficientCreditsError")
    }).pipe(Effect.provide(SpendGuard.layer().pipe(Layer.provideMerge(emulated())))))
})
