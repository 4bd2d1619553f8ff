import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { catchAll, globalValue, liveClock, racingHostTimer, timeoutTo } from "./effectKit.js"
import type { HttpClient } from "./httpKit.js"

const own = globalValue(
  "openrouter-effect/internal/deadline/own",
  () => new WeakMap<HttpClient.HttpClient, HttpClient.HttpClient>()
)

/**
 * Marks `client` as one of the SDK's own transports, which stop a request when its signal fires; `forSdk` is the
 * same transport as the SDK's requests use it (`fetch` options of their own).
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
 * The SDK's view of `client` if it is one of the SDK's own transports (see {@link markOwn}).
 *
 * @internal
 */
export const ownClientOf = (client: HttpClient.HttpClient): HttpClient.HttpClient | undefined => own.get(client)

/** The longest wait a host timer can express: a longer one would fire at once. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

/**
 * How an attempt is bounded:
 *
 * - `"none"`: no deadline (an infinite timeout);
 * - `"hostTimer"`: on a transport that stops when its request's signal fires, under Effect's live clock, a host
 *   timer closes the attempt's scope at the deadline and the attempt stays in the calling fiber. A fiber per
 *   attempt costs about as much as the rest of the SDK's work per call;
 * - `"race"`: under the live clock on a client that may ignore the signal, the attempt races a host timer in a
 *   fiber of its own (Effect 3; in Effect 4 the same as `"fiber"`, where it measured no gain);
 * - `"fiber"`: the attempt is interrupted at the deadline on the fiber's clock, which holds for any client under
 *   any clock (`TestClock` too), for any duration.
 *
 * @internal
 */
export const strategyOf = (
  timeout: Duration.Duration,
  signalled: boolean,
  clock: Clock.Clock
): "none" | "hostTimer" | "race" | "fiber" => {
  if (!Duration.isFinite(timeout)) return "none"
  if (clock !== liveClock || Duration.toMillis(timeout) > MAX_TIMER_MILLIS) return "fiber"
  return signalled ? "hostTimer" : "race"
}

/**
 * Runs one attempt in a scope of its own, whose closing aborts the attempt's request (the attempt's client
 * comes from `HttpClient.withScope`), bounded by `timeout` as {@link strategyOf} chooses. The attempt is given
 * its scope to provide itself, so that it can provide it together with whatever else it needs in one change of
 * context.
 *
 * The scope is closed, and so the request aborted, after a failure, an interruption, or a success that left
 * the body unread (`finished(a)` is false): a transport must never be left holding a response nobody reads.
 * After a success that read the body to its end, the request is over and the scope is left to the garbage
 * collector (closing it would abort a finished request: a `DOMException` with a stack trace, per call).
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
    return Effect.clockWith((clock) => {
      const millis = Duration.toMillis(timeout)
      switch (strategyOf(timeout, signalled, clock)) {
        case "none":
          return Effect.onExit(run, release)
        case "fiber":
          return Effect.onExit(timeoutTo(run, timeout, onTimeout), release)
        case "race":
          return Effect.onExit(racingHostTimer(run, millis, onTimeout), release)
        case "hostTimer": {
          let expired = false
          const timer = setTimeout(() => {
            expired = true
            Effect.runFork(Scope.close(scope, Exit.void))
          }, millis)
          return Effect.onExit(
            catchAll(run, (error) => Effect.fail(expired ? onTimeout() : error)),
            (exit) => {
              clearTimeout(timer)
              return release(exit)
            }
          )
        }
      }
    })
  })
