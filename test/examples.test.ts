import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Credits } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { once, onlyRateLimits, yourOwn } from "../examples/retries.js"
import { advancing } from "./support/clock.js"

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

  it.effect("yourOwn retries 500s outside, seeing each typed error", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(500), OpenRouterTest.status(500))
      expect((yield* yourOwn).remaining).toBe(74.75)
      expect(emulator.requests).toHaveLength(3)
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})
