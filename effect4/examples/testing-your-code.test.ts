import { expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { Credits } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"

// Your code: top up when the balance runs low, and say so when the key cannot read it.
const lowOnCredits = Credits.getCredits.pipe(
  Effect.map((balance) => balance.remaining < 10),
  Effect.catchTag("ForbiddenResponseError", () => Effect.succeed("use a management key"))
)

it.effect("sees a low balance", () =>
  Effect.gen(function*() {
    expect(yield* lowOnCredits).toBe(true)
  }).pipe(Effect.provide(OpenRouterTest.layer({ balance: { totalCredits: 10, totalUsage: 5 } }))))

it.effect("explains an ordinary key", () =>
  Effect.gen(function*() {
    expect(yield* lowOnCredits).toBe("use a management key")
  }).pipe(Effect.provide(OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey } }))))

it.effect("rides out a rate limit: first 429 with Retry-After 2, then 200", () =>
  Effect.gen(function*() {
    const emulator = yield* OpenRouterTest.Emulator
    yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(2))
    const fiber = yield* Effect.forkChild(lowOnCredits)
    yield* TestClock.adjust("2 seconds") // the retry waits on the TestClock: no real sleep
    expect(yield* Fiber.join(fiber)).toBe(false)
    expect(emulator.requests.map((request) => request.route)).toEqual(["GET /credits", "GET /credits"])
  }).pipe(Effect.provide(OpenRouterTest.layer())))
