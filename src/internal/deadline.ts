import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import { globalValue } from "effect/GlobalValue"
import * as Runtime from "effect/Runtime"
import * as Scope from "effect/Scope"

const own = globalValue(
  Symbol.for("openrouter-effect/internal/deadline/own"),
  () => new WeakMap<HttpClient.HttpClient, HttpClient.HttpClient>()
)

/**
 * Marks `client` as one of the SDK's own transports: no middleware, and a transport that stops a request,
 * body included, when the request's `AbortSignal` fires (`fetch`, undici). Attempts on it get their deadline
 * from a timer that aborts the request, instead of a race between fibers. `forSdk` is the client the SDK's own
 * requests go out on (`client` itself unless they need a setting the app's must not get).
 *
 * @internal
 */
export const markOwn = (
  client: HttpClient.HttpClient,
  forSdk: HttpClient.HttpClient = client
): HttpClient.HttpClient => {
  own.set(client, forSdk)
  return client
}

/**
 * The client the SDK's requests go out on when `client` was marked with {@link markOwn}, else `undefined`.
 *
 * @internal
 */
export const ownClientOf = (client: HttpClient.HttpClient): HttpClient.HttpClient | undefined => own.get(client)

/** The longest wait a host timer can express: a longer one would fire at once. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

/** Effect's live clock, whose sleeps are host timers: a plain timer keeps the same time. */
const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * Runs one attempt in a scope of its own, whose closing aborts the attempt's request (the attempt's client
 * comes from `HttpClient.withScope`), bounded by `timeout` on the fiber's clock. The attempt is given its
 * scope to provide itself, so that it can provide it together with whatever else it needs in one change of
 * context.
 *
 * The scope is closed, and so the request aborted, after a failure, an interruption, or a success that left
 * the body unread (`finished(a)` is false): a transport must never be left holding a response nobody reads.
 * After a success that read the body to its end, the request is over and the scope is left to the garbage
 * collector (closing it would abort a finished request: a `DOMException` with a stack trace, per call).
 *
 * The timeout is `Effect.timeoutFail` on the fiber's clock: the attempt runs in a fiber that is interrupted
 * at the deadline, which holds for any client, one that ignores the abort signal included, under any clock
 * (`TestClock` too), for any duration (Effect's clock never fires a wait too long for a host timer).
 *
 * One fast path, because a fiber per attempt costs about as much as the rest of the SDK's work per call:
 * on a transport marked with {@link markOwn}, which stops when its request's signal fires, under Effect's
 * live clock, a host timer closes the scope at the deadline, the attempt stays in the calling fiber, and the
 * failure that follows is reported as the timeout.
 *
 * @internal
 */
export const withAttempt = <A, E, R, E2>(
  timeout: Duration.Duration,
  signalled: boolean,
  attempt: (scope: Scope.Scope) => Effect.Effect<A, E, R>,
  finished: (a: A) => boolean,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Scope.make(), (scope) => {
    const release = (exit: Exit.Exit<A, unknown>): Effect.Effect<void> =>
      Exit.isSuccess(exit) && finished(exit.value) ? Effect.void : Scope.close(scope, Exit.void)
    const run = attempt(scope)
    if (!Duration.isFinite(timeout)) {
      return Effect.onExit(run, release)
    }
    const millis = Duration.toMillis(timeout)
    return Effect.clockWith((clock) => {
      if (!(clock === liveClock && millis <= MAX_TIMER_MILLIS)) {
        return Effect.onExit(Effect.timeoutFail(run, { duration: timeout, onTimeout }), release)
      }
      if (!signalled) {
        return Effect.onExit(racingHostTimer(run, millis, onTimeout), release)
      }
      let expired = false
      const timer = setTimeout(() => {
        expired = true
        Effect.runFork(Scope.close(scope, Exit.void))
      }, millis)
      return Effect.onExit(
        Effect.catchAll(run, (error) => Effect.fail(expired ? onTimeout() : error)),
        (exit) => {
          clearTimeout(timer)
          return release(exit)
        }
      )
    })
  })

/**
 * `Effect.timeoutFail` under Effect's live clock, for a client that may ignore its abort signal, with one
 * fiber instead of two: the attempt runs in a fiber of its own, started at once (`Runtime.runFork`, where
 * `Effect.fork` would wait for the scheduler's next turn) and interrupted when a host timer fires first.
 * Kept because the bench shows it pays: on `NodeHttpClient.layerUndici` provided directly, 1.22 × the bare
 * client against 1.65 × with `Effect.timeoutFail` (one run). Most of what is left is not the fork but the
 * garbage collector: with the attempt in a fiber of its own, the call's objects outlive young-generation
 * collections (README, "Performance").
 */
const racingHostTimer = <A, E, R, E2>(
  run: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Effect.runtime<R>(), (runtime) =>
    Effect.async<A, E | E2>((resume) => {
      let settled = false
      const timer = setTimeout(() => {
        settled = true
        fiber.unsafeInterruptAsFork(FiberId.none)
        resume(Effect.fail(onTimeout()))
      }, millis)
      const fiber = Runtime.runFork(runtime, run)
      fiber.addObserver((exit) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resume(exit)
      })
      return Effect.sync(() => {
        settled = true
        clearTimeout(timer)
        fiber.unsafeInterruptAsFork(FiberId.none)
      })
    }))
