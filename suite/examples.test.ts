import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { Credits } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { alerts, guarded, GuardLive, whoAmI } from "../../examples/monitoring.js"
import { AppHttpClient, OpenRouterLive } from "../../examples/own-transport.js"
import { once, onlyRateLimits, yourOwn } from "../../examples/retries.js"
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
