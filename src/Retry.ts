/**
 * Declarative retry: `Schedule`s whose input is the operation's typed error.
 *
 * The schedule in force for a call is, first found: the one set with {@link withSchedule} around it,
 * the `retry` of `OpenRouterConfig`, then the SDK's default ({@link defaultSchedule} for `getCredits`,
 * {@link defaultPostSchedule} for `createCoinbaseCharge`).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { dual } from "effect/Function"
import { globalValue } from "effect/GlobalValue"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import type * as Errors from "./Errors.js"
import * as rules from "./internal/retryRules.js"

/**
 * A retry schedule: it sees each failed attempt's error and decides whether, and when, to try again.
 *
 * @since 0.1.0
 * @category models
 */
export type RetrySchedule = Schedule.Schedule<unknown, Errors.OpenRouterError>

/**
 * Never retry.
 *
 * @since 0.1.0
 * @category schedules
 */
export const none: RetrySchedule = Schedule.stop

/**
 * The longest single wait of the default schedules, and the longest server hint they will honour: 30 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_WAIT: Duration.Duration = rules.MAX_WAIT

/**
 * The most the default schedules wait in all, over every retry of one call: 60 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_TOTAL_WAIT: Duration.Duration = rules.MAX_TOTAL_WAIT

/**
 * Whether a failure may pass if the call is made again: 408, 429, 500, 502, 503, 504, 524, 529,
 * a connection error (but an invalid URL, a redirect or a closed transport) or a timeout. Never 400, 401, 403, 404, 410, nor input or
 * decoding errors.
 *
 * @since 0.1.0
 * @category guards
 */
export const isTransient: (error: Errors.OpenRouterError) => boolean = rules.isTransient

/**
 * Whether the server provably did not act on the request, so sending it again cannot do anything twice:
 * a 429 (rejected before processing), or a connection that failed before the request was written
 * (refused, host not found). A timeout, a 5xx or a connection lost mid-response do not qualify.
 *
 * @since 0.1.0
 * @category guards
 */
export const isSafeToRepeat: (error: Errors.OpenRouterError) => boolean = rules.isSafeToRepeat

/**
 * The server's `Retry-After` (or `retry-after-ms`) carried by an error, if any.
 *
 * @since 0.1.0
 * @category accessors
 */
export const retryAfterOf: (error: Errors.OpenRouterError) => Duration.Duration | undefined = rules.retryAfterOf

/**
 * Makes every wait of `schedule` at least as long as the server's `Retry-After`, when it sent one.
 *
 * @example
 * ```ts
 * import { Retry } from "openrouter-effect"
 * import { Schedule } from "effect"
 *
 * // retry only 429s, as often as 5 times, waiting what the server asks (or 1 s)
 * const onlyRateLimits = Retry.withServerHints(Schedule.spaced("1 second")).pipe(
 *   Schedule.intersect(Schedule.recurs(5)),
 *   Schedule.whileInput((e: Retry.RetryError) => e._tag === "TooManyRequestsResponseError")
 * )
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const withServerHints = <Out, R>(
  schedule: Schedule.Schedule<Out, Errors.OpenRouterError, R>
): Schedule.Schedule<Out, Errors.OpenRouterError, R> =>
  // A schedule's delay modifiers see its output, not its input: the error rides along as output, then is dropped.
  Schedule.identity<Errors.OpenRouterError>().pipe(
    Schedule.addDelay((error) => retryAfterOf(error) ?? Duration.zero),
    Schedule.intersect(schedule),
    Schedule.map(([, out]) => out)
  )

/**
 * The error a retry schedule sees.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryError = Errors.OpenRouterError

const backoff = Schedule.exponential("500 millis", 2).pipe(
  Schedule.jittered,
  Schedule.delayed(rules.cappedWholeMillis)
)

/**
 * Stops `schedule` before the wait that would take the sum of its waits past `budget`.
 *
 * @example
 * ```ts
 * import { Retry } from "openrouter-effect"
 * import { Schedule } from "effect"
 *
 * const atMostTenSecondsOfWaiting = Retry.withinTotalWait(Schedule.exponential("1 second"), "10 seconds")
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const withinTotalWait = <Out, In, R>(
  schedule: Schedule.Schedule<Out, In, R>,
  budget: Duration.DurationInput
): Schedule.Schedule<Out, In, R> => {
  const limit = Duration.toMillis(budget)
  type State = readonly [inner: unknown, waitedMillis: number]
  return Schedule.makeWithState<State, In, Out, R>(
    [schedule.initial, 0],
    (now, input, [state, waited]) =>
      Effect.map(schedule.step(now, input, state), ([next, out, decision]) => {
        if (ScheduleDecision.isDone(decision)) {
          return [[next, waited], out, decision]
        }
        const total = waited + ScheduleIntervals.start(decision.intervals) - now
        return total > limit ? [[next, waited], out, ScheduleDecision.done] : [[next, total], out, decision]
      })
  )
}

const bounded = (retryWhen: (error: Errors.OpenRouterError) => boolean): RetrySchedule =>
  withinTotalWait(
    withServerHints(backoff).pipe(
      Schedule.intersect(Schedule.recurs(4)),
      Schedule.whileInput((error: Errors.OpenRouterError) => retryWhen(error) && rules.hintWithinCap(error))
    ),
    MAX_TOTAL_WAIT
  )

/**
 * The default for `getCredits`: retry {@link isTransient} failures up to 4 times (5 attempts), backing
 * off exponentially from 500 ms by a factor of 2, jittered (×0.8–1.2), no wait above 30 s, at most 60 s of
 * waiting in all. A server's `Retry-After` lengthens the wait; one above 30 s fails at once, and the
 * error's `retryAfter` says when to come back.
 *
 * @since 0.1.0
 * @category schedules
 */
export const defaultSchedule: RetrySchedule = bounded(isTransient)

/**
 * The default for `createCoinbaseCharge`: {@link defaultSchedule}, but only for failures after which the
 * server provably did not act ({@link isSafeToRepeat}), because the API has no idempotency key and a
 * repeated POST may create a second charge.
 *
 * @since 0.1.0
 * @category schedules
 */
export const defaultPostSchedule: RetrySchedule = bounded((error) => isTransient(error) && isSafeToRepeat(error))

/**
 * The schedule set by {@link withSchedule}, read by every operation; `undefined` means "not set here".
 *
 * @since 0.1.0
 * @category fiber refs
 */
export const currentSchedule: FiberRef.FiberRef<RetrySchedule | undefined> = globalValue(
  Symbol.for("openrouter-effect/Retry/currentSchedule"),
  () => FiberRef.unsafeMake<RetrySchedule | undefined>(undefined)
)

/**
 * Runs `effect` with `schedule` as the retry schedule of every OpenRouter call inside it, over the
 * config's `retry` and the defaults. `Retry.withSchedule(Retry.none)` turns retries off, so an outer
 * `Effect.retry` sees every attempt's error.
 *
 * The schedule may be written for the errors of the calls it wraps: a `Schedule<_, Errors.GetCreditsError>` is
 * accepted around `getCredits`, and refused (a type error) around a call that can fail with more.
 *
 * **Calls that may act are never sent twice.** The API has no idempotency key, so `createCoinbaseCharge` and the
 * `Keys` changes (POST, PATCH, DELETE) stop at an error after which the request may have acted (a timeout, a 5xx, a
 * lost connection), whatever schedule you pass: it decides only among the errors `Retry.isSafeToRepeat` allows.
 *
 * @example
 * ```ts
 * import { Credits, Retry } from "openrouter-effect"
 * import { Schedule } from "effect"
 *
 * const patient = Credits.getCredits.pipe(
 *   Retry.withSchedule(Schedule.exponential("1 second").pipe(Schedule.intersect(Schedule.recurs(8))))
 * )
 * const once = Credits.getCredits.pipe(Retry.withSchedule(Retry.none))
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const withSchedule: {
  <In>(
    schedule: Schedule.Schedule<unknown, In>
  ): <A, E, R>(effect: Effect.Effect<A, E, R> & SchedulableBy<E, In>) => Effect.Effect<A, E, R>
  <A, E, R, In>(
    effect: Effect.Effect<A, E, R> & SchedulableBy<E, In>,
    schedule: Schedule.Schedule<unknown, In>
  ): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R, In>(effect: Effect.Effect<A, E, R>, schedule: Schedule.Schedule<unknown, In>): Effect.Effect<A, E, R> =>
    // Sound: the schedule only ever sees the errors of the OpenRouter calls inside `effect`, which it accepts.
    Effect.locally(effect, currentSchedule, schedule as unknown as RetrySchedule)
)

/**
 * `unknown` when a schedule whose input is `In` can see every OpenRouter error `effect` may fail with (its `E`,
 * less the errors that are not the SDK's), else `never`, which makes the call a type error.
 *
 * @since 0.2.0
 * @category models
 */
export type SchedulableBy<E, In> = [Extract<E, Errors.OpenRouterError>] extends [In] ? unknown : never
