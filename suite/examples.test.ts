import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted } from "effect"
import { Credits } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { alerts, guarded, GuardLive, whoAmI } from "../../examples/monitoring.js"
import { AppHttpClient, OpenRouterLive } from "../../examples/own-transport.js"
import { once, onlyRateLimits, yourOwn } from "../../examples/retries.js"
import { keyForUser, lastMonth, spendableNow } from "../../examples/spend.js"
import { advancing } from "../support/clock.js"
import { fork, printedBy, scoped, TestClock, withEnv } from "../support/seam.js"
import { untilRequests } from "./support/emulated.js"

describe("examples/retries.ts runs as the README says", () => {
  it.effect("onlyRateLimits retries a 429 with the server's hint", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(3))
      const balance = yield* advancing(Credits.getCredits)
      expect(balance.remaining).toBe(74.75)
      expect(emulator.requests.map((r) => r.receivedAt)).toEqual([0, 3000])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: onlyRateLimits } }))))

  it.effect("once makes one attempt", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(500))
      expect((yield* Effect.flip(once))._tag).toBe("InternalServerResponseError")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("yourOwn retries every 5xx outside (500, 502, 503), seeing each typed error", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script(
        "GET /credits",
        OpenRouterTest.status(500),
        OpenRouterTest.html(502),
        OpenRouterTest.status(503)
      )
      expect((yield* yourOwn).remaining).toBe(74.75)
      expect(emulator.requests).toHaveLength(4)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("yourOwn does not retry a 404", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(404))
      expect((yield* Effect.flip(yourOwn))._tag).toBe("NotFoundResponseError")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("examples/own-transport.ts runs as the README says", () => {
  scoped(
    "OpenRouter calls run on their own transport: none of the app's headers reach it",
    () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* OpenRouterEmulator.serve()
        const balance = yield* Credits.getCredits.pipe(
          Effect.provide(Layer.merge(AppHttpClient, OpenRouterLive)),
          withEnv({ OPENROUTER_API_KEY: OpenRouterTest.managementKey, OPENROUTER_BASE_URL: url })
        )
        expect(balance.remaining).toBe(74.75)
        expect(emulator.requests[0]!.headers["x-internal-token"]).toBeUndefined()
        expect(emulator.requests[0]!.key).toBe("management")
      })
  )
})

describe("examples/monitoring.ts runs as the README says", () => {
  const ordinary = OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey } })

  it.effect("whoAmI tells the key's kind and what it may still spend", () =>
    Effect.gen(function*() {
      expect(yield* printedBy(whoAmI)).toEqual(["sk-or-v1-em...ary: ordinary key, $74.5 of $100 left"])
    }).pipe(Effect.provide(ordinary)))

  it.effect("alerts: one alert below $5, one on recovery, over simulated hours", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const lines = yield* printedBy(Effect.gen(function*() {
        const fiber = yield* fork(alerts)
        yield* untilRequests(1)
        for (const [i, usage] of [96, 97, 92, 89].entries()) {
          yield* emulator.setKeyLimit({ limit: 100, usage })
          yield* TestClock.adjust("10 minutes")
          yield* untilRequests(i + 2)
        }
        yield* Fiber.interrupt(fiber)
      }))
      expect(lines).toEqual([
        "watching: $74.5 left",
        "ALERT: only $4 left (below $5)",
        "recovered: $11 left"
      ])
      expect(emulator.counts.requests).toBe(5)
    }).pipe(Effect.provide(ordinary)))

  it.effect("guarded refuses work when less than $0.50 is left", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setKeyLimit({ limit: 100, usage: 99.75 })
      const error = yield* Effect.flip(guarded(Effect.succeed("done")))
      expect(error).toMatchObject({ _tag: "InsufficientCreditsError", remaining: 0.25, required: 0.5, source: "key" })
    }).pipe(Effect.provide(GuardLive.pipe(Layer.provideMerge(ordinary)))))
})

describe("examples/spend.ts runs as the README says", () => {
  it.effect("spendableNow prints what binds the key and when it resets", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-10-07T15:00:00Z"))
      const printed = yield* printedBy(spendableNow)
      expect(printed).toEqual(["$20 left (member), resets 2026-10-12T00:00:00.000Z"])
    }).pipe(Effect.provide(OpenRouterTest.layer({
      budgets: [{ scope: "member", limit: 20, reset: "weekly" }],
      config: { apiKey: OpenRouterTest.ordinaryKey }
    }))))

  it.effect("keyForUser makes a key with a $5 weekly budget that spends as one", () =>
    Effect.gen(function*() {
      const { apiKey, key } = yield* keyForUser("u-42")
      expect(apiKey).toMatchObject({ name: "user u-42", limit: 5, limitReset: "weekly", externalUser: "u-42" })
      const emulator = yield* OpenRouterTest.Emulator
      expect(yield* emulator.spend(Redacted.value(key), 5)).toMatchObject({ accepted: true })
      expect(yield* emulator.spend(Redacted.value(key), 1)).toMatchObject({ accepted: false, status: 403 })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("lastMonth totals the spend of the completed days and names the top models", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* TestClock.setTime(Date.parse("2026-10-05T12:00:00Z"))
      yield* emulator.spend(OpenRouterTest.managementKey, 1, { model: "openai/gpt-4.1" })
      yield* emulator.spend(OpenRouterTest.managementKey, 3, { model: "anthropic/claude-sonnet-4" })
      yield* TestClock.adjust("1 day")
      expect(yield* lastMonth).toEqual({ spent: 4, topModels: ["anthropic/claude-sonnet-4", "openai/gpt-4.1"] })
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})
