/**
 * What Effect 4 renamed in `Duration`, under one name, for the modules written once in `core/`. The Effect 3
 * edition's `internal/durationKit.ts` gives the same names its own way.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/**
 * What a `Duration` may be given as.
 *
 * @internal
 */
export type DurationInput = Duration.Input

/**
 * `input` as a `Duration`, or `undefined` when it is not one.
 *
 * @internal
 */
export const decodeDuration = (input: DurationInput): Duration.Duration | undefined =>
  Option.getOrUndefined(Duration.fromInput(input))

/**
 * `input` as a `Duration`; throws when it is not one.
 *
 * @internal
 */
export const toDuration: (input: DurationInput) => Duration.Duration = Duration.fromInputUnsafe
