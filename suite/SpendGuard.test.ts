import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import { type Errors, OpenRouterConfig, Retry, SpendGuard } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { OpenRouterTest } from "openrouter-effect/testing"
import { API_KEY, creditsBody, outcome, scoped, TestClock } from "../support/seam.js"
import { rawServer } from "./support/rawServer.js"

const emulated = (apiKey = OpenRouterTest.managementKey) =>
  OpenRouterTest.layer({ config: { apiKey, retry: Retry.none } })

describe("SpendGuard", () => {
  it.effect("1,000 fibers asking at once cost one request", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make({ ttl: "30 seconds" })
      const results = yield* Effect.all(Array.from({ length: 1_000 }, () => outcome(guard.require(1))), {
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
      expect(yield* outcome(guard.require(74.75))).toMatchObject({ _tag: "Success" })
      const error = yield* Effect.flip(guard.require(80))
      expect(error._tag).toBe("InsufficientCreditsError")
      expect(error.message).toBe(
        "Refused: $74.75 left on the account (GET /credits), less than the $80 this work requires. Add credits at https://openrouter.ai/settings/credits, or lower the requirement."
      )
      expect(yield* guard.remaining).toBe(74.75)
    }).pipe(Effect.provide(emulated())))

  it.effect("key source: the key's limit; an ordinary key without one is refused, never let through", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const limited = yield* SpendGuard.make({ source: "key" })
      const error = yield* Effect.flip(limited.require(75))
      expect(error).toMatchObject({ _tag: "InsufficientCreditsError", remaining: 74.5, required: 75, source: "key" })
      expect(error.message).toContain("key's spending limit (GET /key)")
      yield* emulator.setKeyLimit({ limit: null, usage: 1_000 })
      const unlimited = yield* SpendGuard.make({ source: "key" })
      const refused = yield* Effect.flip(unlimited.require(1_000_000))
      expect(refused._tag).toBe("NoSpendingLimitError")
      expect(refused.message).toContain("source: \"account\"")
      expect(yield* Effect.flip(unlimited.remaining)).toMatchObject({ _tag: "NoSpendingLimitError" })
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect("key source on a management key (no limit of its own): the account's balance guards it", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 0, totalUsage: 0 })
      const guard = yield* SpendGuard.make({ source: "key" })
      const error = yield* Effect.flip(guard.require(1_000_000))
      expect(error).toMatchObject({ _tag: "InsufficientCreditsError", remaining: 0, source: "account" })
      expect(error.message).toContain("on the account (GET /credits)")
    }).pipe(Effect.provide(emulated(OpenRouterTest.managementKey))))

  it.effect.each(
    [
      ["ttl", { ttl: "-5 seconds" }, "a finite Duration above zero, such as \"30 seconds\""],
      ["ttl", { ttl: Duration.infinity }, "a finite Duration above zero"],
      ["ttl", { ttl: "soon" }, "a finite Duration above zero"],
      ["ttl", { ttl: 0 }, "a finite Duration above zero"],
      ["source", { source: "keys" }, "\"account\" or \"key\" (got the string \"keys\")"]
    ] as const
  )("%s refused when the guard is made: %j", ([field, options, expected]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(SpendGuard.make(options as SpendGuard.Options))
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "SpendGuard.make", field })
      expect(error.message).toContain("SpendGuard.make refused its input")
      expect(error.message).toContain(expected)
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
    }).pipe(Effect.provide(emulated())))

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
        expect(error.message).toMatch(/^SpendGuard.require refused its input: /)
        expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
      }).pipe(Effect.provide(emulated()))
  )

  it.effect("an amount given as a string is shown as one, and refused", () =>
    Effect.gen(function*() {
      const guard = yield* SpendGuard.make()
      const error = yield* Effect.flip(guard.require("5" as unknown as number))
      expect(error.message).toContain("(got the string \"5\")")
      expect(error.message).not.toContain("was not sent")
    }).pipe(Effect.provide(emulated())))

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

describe("a guard whose transport was closed", () => {
  scoped(
    "made under an Effect.provide of its own (NodeLayer.layer): fails at once, saying the transport's scope ended",
    () =>
      Effect.gen(function*() {
        const server = yield* rawServer((_, response) => {
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify(creditsBody))
        })
        const guard = yield* SpendGuard.make().pipe(
          Effect.provide(
            Layer.merge(
              OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` }),
              NodeLayer.layer
            )
          )
        )
        const error = yield* Effect.flip(guard.require(1))
        expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Closed", attempts: 1 })
        expect(error.message).toContain("where that layer lives")
        expect(Retry.isTransient(error as Errors.OpenRouterError)).toBe(false)
        expect(server.seen).toHaveLength(0)
      })
  )
})
