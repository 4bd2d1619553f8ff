import { Clock, Duration, Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"

/** Runs `effect` in a fiber and advances the TestClock by `by`, so scripted waits and retries pass at once. */
export const advancing = <A, E, R>(effect: Effect.Effect<A, E, R>, by: Duration.Input = "2 minutes") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    yield* TestClock.adjust(by)
    return yield* Fiber.join(fiber)
  })

const realTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * The fiber's clock (the TestClock), recording the deadline of every sleep still pending: Effect 4's TestClock
 * keeps its sleeps to itself.
 */
const trackingClock = (clock: Clock.Clock, pending: Set<number>): Clock.Clock => ({
  ...clock,
  currentTimeMillisUnsafe: () => clock.currentTimeMillisUnsafe(),
  currentTimeNanosUnsafe: () => clock.currentTimeNanosUnsafe(),
  monotonicTimeNanosUnsafe: () => clock.monotonicTimeNanosUnsafe(),
  sleep: (duration) =>
    Effect.suspend(() => {
      const deadline = clock.currentTimeMillisUnsafe() + Duration.toMillis(duration)
      pending.add(deadline)
      return Effect.ensuring(clock.sleep(duration), Effect.sync(() => pending.delete(deadline)))
    })
})

/**
 * Runs `effect` in a fiber and joins it, moving the TestClock straight to the next pending sleep whenever
 * there is one, and otherwise letting real I/O run: time passes only when something waits on the clock, never
 * because this machine is slow. Returns the result and how much simulated time passed.
 */
export const drivingClock = <A, E, R>(effect: Effect.Effect<A, E, R>, limitMillis = 600_000) =>
  Effect.gen(function*() {
    const clock = yield* Clock.Clock
    const pending = new Set<number>()
    const fiber = yield* Effect.forkChild(Effect.provideService(effect, Clock.Clock, trackingClock(clock, pending)))
    const start = clock.currentTimeMillisUnsafe()
    while (fiber.pollUnsafe() === undefined) {
      const now = clock.currentTimeMillisUnsafe()
      const next = Math.min(...pending)
      if (Number.isFinite(next) && next - start <= limitMillis) {
        yield* TestClock.adjust(Math.max(0, next - now))
      }
      yield* realTurn
    }
    const result = yield* Fiber.join(fiber)
    return { result, simulated: clock.currentTimeMillisUnsafe() - start }
  })
