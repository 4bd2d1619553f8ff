import { type Duration, Effect, Fiber, TestClock } from "effect"

/** Runs `effect` in a fiber and advances the TestClock by `by`, so scripted waits and retries pass at once. */
export const advancing = <A, E, R>(effect: Effect.Effect<A, E, R>, by: Duration.DurationInput = "2 minutes") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(by)
    return yield* Fiber.join(fiber)
  })
