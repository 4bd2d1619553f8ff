import { Chunk, type Duration, Effect, Fiber, TestClock } from "effect"

/** Runs `effect` in a fiber and advances the TestClock by `by`, so scripted waits and retries pass at once. */
export const advancing = <A, E, R>(effect: Effect.Effect<A, E, R>, by: Duration.DurationInput = "2 minutes") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(by)
    return yield* Fiber.join(fiber)
  })

const realTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Joins `fiber`, moving the TestClock straight to the next pending sleep whenever there is one, and otherwise
 * letting real I/O run: time passes only when something waits on the clock, never because this machine is
 * slow. Returns the fiber's result and how much simulated time passed.
 */
export const joinDrivingClock = <A, E>(fiber: Fiber.RuntimeFiber<A, E>, limitMillis = 600_000) =>
  Effect.gen(function*() {
    const start = yield* TestClock.currentTimeMillis
    while (fiber.unsafePoll() === null) {
      const now = yield* TestClock.currentTimeMillis
      const next = Chunk.head(yield* TestClock.sleeps())
      if (next._tag === "Some" && next.value - start <= limitMillis) {
        yield* TestClock.adjust(Math.max(0, next.value - now))
      }
      yield* realTurn
    }
    const result = yield* Fiber.join(fiber)
    return { result, simulated: (yield* TestClock.currentTimeMillis) - start }
  })

/** Runs `effect` in a fiber and joins it as {@link joinDrivingClock} does. */
export const drivingClock = <A, E, R>(effect: Effect.Effect<A, E, R>, limitMillis = 600_000) =>
  Effect.flatMap(Effect.fork(effect), (fiber) => joinDrivingClock(fiber, limitMillis))
