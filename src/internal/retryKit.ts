/**
 * What Effect 4 changed in schedules and in the per-call retry setting, under one name, for `execute.ts` written
 * once in `core/`. The Effect 4 edition's `internal/retryKit.ts` gives the same names its own way.
 *
 * @internal
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Schedule from "effect/Schedule"
import type * as Errors from "../Errors.js"
import * as Retry from "../Retry.js"
import { wholeMillis } from "./options.js"

/**
 * The schedule `Retry.withSchedule` set for the calls in its scope, if any.
 *
 * @internal
 */
export const perCallSchedule: Effect.Effect<Retry.RetrySchedule | undefined> = FiberRef.get(Retry.currentSchedule)

/**
 * `schedule`, announcing each retry it decides on with `announce`: the number of the attempt that failed (from
 * 1), its error and the wait, in whole milliseconds.
 *
 * @internal
 */
export const announcing = (
  schedule: Retry.RetrySchedule,
  announce: (attempt: number, error: Errors.OpenRouterError, wait: Duration.Duration) => Effect.Effect<void>
): Schedule.Schedule<unknown, Errors.OpenRouterError> =>
  Schedule.identity<Errors.OpenRouterError>().pipe(
    Schedule.intersect(schedule),
    Schedule.intersect(Schedule.count),
    Schedule.modifyDelayEffect(([[error], failures], delay) => {
      const wait = wholeMillis(delay)
      return Effect.as(announce(failures + 1, error, wait), wait)
    })
  )

/**
 * `schedule`, stopping at an error for which `retryable` does not hold.
 *
 * @internal
 */
export const whileInput = (
  schedule: Retry.RetrySchedule,
  retryable: (error: Errors.OpenRouterError) => boolean
): Retry.RetrySchedule => Schedule.whileInput(schedule, retryable)
