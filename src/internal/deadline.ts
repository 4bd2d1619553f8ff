import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { globalValue } from "effect/GlobalValue"
import * as Scope from "effect/Scope"

const own = globalValue(
  Symbol.for("openrouter-effect/internal/deadline/own"),
  () => new WeakSet<HttpClient.HttpClient>()
)

/**
 * Marks `client` as one of the SDK's own transports: no middleware, and a transport that stops a request,
 * body included, when the request's `AbortSignal` fires (`fetch`, undici). Attempts on it get their deadline
 * from a timer that aborts the request, instead of a race between fibers.
 *
 * @internal
 */
export const markOwn = (client: HttpClient.HttpClient): HttpClient.HttpClient => {
  own.add(client)
  return client
}

/**
 * Whether `client` was marked with {@link markOwn}.
 *
 * @internal
 */
export const isOwn = (client: HttpClient.HttpClient): boolean => own.has(client)

/** The longest wait a JavaScript timer can express; Effect's own clock treats anything longer as forever. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

let liveClock: unknown

/** Whether `clock` is Effect's own, whose sleeps are `setTimeout`s: a plain timer then keeps the same time. */
const isLive = (clock: Clock.Clock): boolean => clock.constructor === (liveClock ??= Clock.make().constructor)

/**
 * Runs one attempt in a scope of its own, whose closing aborts the attempt's request (the attempt's client
 * comes from `HttpClient.withScope`), bounded by `timeout`.
 *
 * The scope is closed, and so the request aborted, after a failure, an interruption, or a success that left
 * the body unread (`finished(a)` is false): a transport must never be left holding a response nobody reads.
 * After a success that read the body to its end, the request is over and the scope is left to the garbage
 * collector (closing it would abort a finished request: a `DOMException` with a stack trace, per call).
 *
 * The timeout: none when it is infinite or above 2^31-1 ms. On a client marked with {@link markOwn} a
 * timer aborts the request and the failure that follows is reported as the timeout; on any other client
 * (one that may ignore the signal, such as an in-memory fake) it is `Effect.timeoutFail`.
 *
 * @internal
 */
export const withAttempt = <A, E, R, E2>(
  timeout: Duration.Duration,
  signalled: boolean,
  attempt: Effect.Effect<A, E, R>,
  finished: (a: A) => boolean,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, Exclude<R, Scope.Scope>> =>
  Effect.flatMap(Scope.make(), (scope) => {
    const release = (exit: Exit.Exit<A, unknown>): Effect.Effect<void> =>
      Exit.isSuccess(exit) && finished(exit.value) ? Effect.void : Scope.close(scope, Exit.void)
    const millis = Duration.toMillis(timeout)
    const run = Scope.extend(attempt, scope)
    if (!(millis <= MAX_TIMER_MILLIS)) {
      return Effect.onExit(run, release)
    }
    if (!signalled) {
      return Effect.onExit(Effect.timeoutFail(run, { duration: timeout, onTimeout }), release)
    }
    return Effect.clockWith((clock) => {
      let expired = false
      const expire = () => {
        expired = true
        Effect.runFork(Scope.close(scope, Exit.void))
      }
      const timed = Effect.catchAll(run, (error) => Effect.fail(expired ? onTimeout() : error))
      if (isLive(clock)) {
        const timer = setTimeout(expire, millis)
        return Effect.onExit(timed, (exit) => {
          clearTimeout(timer)
          return release(exit)
        })
      }
      return Effect.flatMap(
        Effect.forkDaemon(Effect.zipRight(clock.sleep(timeout), Effect.sync(expire))),
        (timer) => Effect.onExit(timed, (exit) => Effect.zipRight(Fiber.interrupt(timer), release(exit)))
      )
    })
  })
