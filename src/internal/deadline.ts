import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Scope from "effect/Scope"

const abortable = new WeakMap<
  HttpClient.HttpClient,
  HttpClient.HttpClient.With<HttpClientError.HttpClientError, Scope.Scope>
>()

/**
 * Marks `client` as one whose transport stops a request, body included, when the request's
 * `AbortSignal` fires (`fetch`, undici, `node:http`). Attempts on it get their deadline from a timer
 * that aborts the request, instead of a race between fibers.
 *
 * @internal
 */
export const honoursAbort = (client: HttpClient.HttpClient): HttpClient.HttpClient => {
  abortable.set(client, HttpClient.withScope(client))
  return client
}

let liveClock: unknown

/** Whether `clock` is Effect's own, whose sleeps are `setTimeout`s: a plain timer then keeps the same time. */
const isLive = (clock: Clock.Clock): boolean => clock.constructor === (liveClock ??= Clock.make().constructor)

/**
 * Ends an attempt's scope. After a failure or an interruption, closing it aborts the request. After a
 * success the body has been read and the request is over: the scope is left to the garbage collector,
 * since closing it would abort a finished request (a `DOMException` with a stack trace, per call).
 */
const release = (scope: Scope.CloseableScope, exit: Exit.Exit<unknown, unknown>): Effect.Effect<void> =>
  Exit.isSuccess(exit) ? Effect.void : Scope.close(scope, exit)

/**
 * Runs `attempt` on the `HttpClient` in context and fails with `onTimeout()` when it outlives `timeout`.
 *
 * On a client marked with {@link honoursAbort} the attempt runs on the current fiber; when the time is up a
 * timer aborts its request, and the failure that follows is reported as the timeout. On any other client
 * (one that may ignore the signal, such as an in-memory fake) it is `Effect.timeoutFail`.
 *
 * @internal
 */
export const withDeadline = <A, E, R, E2>(
  timeout: Duration.Duration,
  attempt: (client: HttpClient.HttpClient.With<HttpClientError.HttpClientError, Scope.Scope>) => Effect.Effect<A, E, R>,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, Exclude<R, Scope.Scope> | HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (client) => {
    const scoped = abortable.get(client)
    if (scoped === undefined) {
      return Effect.timeoutFail(attempt(client) as Effect.Effect<A, E, Exclude<R, Scope.Scope>>, {
        duration: timeout,
        onTimeout
      })
    }
    return Effect.clockWith((clock) =>
      Effect.flatMap(Scope.make(), (scope) => {
        let expired = false
        const expire = () => {
          expired = true
          Effect.runFork(Scope.close(scope, Exit.void))
        }
        const run = Effect.catchAll(
          Scope.extend(attempt(scoped), scope),
          (error) => Effect.fail(expired ? onTimeout() : error)
        )
        if (isLive(clock)) {
          const timer = setTimeout(expire, Duration.toMillis(timeout))
          return Effect.onExit(run, (exit) => {
            clearTimeout(timer)
            return release(scope, exit)
          })
        }
        return Effect.flatMap(
          Effect.forkDaemon(Effect.zipRight(clock.sleep(timeout), Effect.sync(expire))),
          (timer) => Effect.onExit(run, (exit) => Effect.zipRight(Fiber.interrupt(timer), release(scope, exit)))
        )
      })
    )
  })
