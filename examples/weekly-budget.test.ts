import { expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { SpendGuard } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"

// A user's key with a $10 weekly budget, emulated: no network, no key.
const account = OpenRouterTest.layer({
  budgets: [{ scope: "member", limit: 10, reset: "weekly" }],
  config: { apiKey: OpenRouterTest.ordinaryKey }
})

it.effect("the guard refuses once the weekly budget is spent, and lets work through after the reset", () =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.parse("2026-10-07T15:00:00Z")) // a Wednesday
    const emulator = yield* OpenRouterTest.Emulator
    const guard = yield* SpendGuard.make({ source: "key", ttl: "1 minute" })
    yield* emulator.spend(OpenRouterTest.ordinaryKey, 10)
    const refused = yield* Effect.flip(guard.require(1))
    expect(refused).toMatchObject({ scope: "member", resetsAt: "2026-10-12T00:00:00.000Z" })
    yield* TestClock.setTime(Date.parse("2026-10-12T00:00:00Z")) // Monday: the budget resets
    yield* guard.require(1)
  }).pipe(Effect.provide(account)))
