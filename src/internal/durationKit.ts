/**
 * What Effect 4 renamed in `Duration`, under one name, for the modules written once in `core/`. The Effect 4
 * edition's `internal/durationKit.ts` gives the same names its own way.
 *
 * @internal
 */
import * as Duration from "effect/Duration"

/**
 * What a `Duration` may be given as.
 *
 * @internal
 */
export type DurationInput = Duration.DurationInput

/**
 * `input` as a `Duration`, or `undefined` when it is not one.
 *
 * @internal
 */
export const decodeDuration = (input: DurationInput): Duration.Duration | undefined => {
  try {
    return Duration.decode(input)
  } catch {
    return undefined
  }
}

/**
 * `input` as a `Duration`; throws when it is not one.
 *
 * @internal
 */
export const toDuration: (input: DurationInput) => Duration.Duration = Duration.decode
