import * as Duration from "effect/Duration"
import * as Errors from "../Errors.js"
import { decodeDuration, type DurationInput } from "./durationKit.js"

/**
 * A value as an error shows what it was given: numbers as written, strings quoted, anything else by its type.
 *
 * @internal
 */
export const shown = (value: unknown): string =>
  typeof value === "number"
    ? String(value)
    : typeof value === "string"
    ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    : value === null
    ? "null"
    : `a value of type ${typeof value}`

const refuse = (operation: string, field: string, expected: string, value: unknown) =>
  new Errors.RequestValidationError({ operation, field, expected: `${expected} (got ${shown(value)})` })

/**
 * `undefined` when `value` is an amount of US dollars (a finite number, 0 or more), else the error that says so.
 *
 * @internal
 */
export const checkDollars = (
  operation: string,
  field: string,
  value: unknown
): Errors.RequestValidationError | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0
    ? undefined
    : refuse(operation, field, "a finite number of US dollars, 0 or more", value)

/**
 * `undefined` when `value` is a credit source, else the error that says so.
 *
 * @internal
 */
export const checkSource = (operation: string, value: unknown): Errors.RequestValidationError | undefined =>
  value === "account" || value === "key" ? undefined : refuse(operation, "source", `"account" or "key"`, value)

/**
 * The duration `value` stands for when it is finite and above zero, else the error that says what it must be.
 *
 * @internal
 */
export const decodeSpan = (
  operation: string,
  field: string,
  value: DurationInput
): Duration.Duration | Errors.RequestValidationError => {
  const duration = decodeDuration(value)
  return duration !== undefined && Duration.isFinite(duration) && Duration.toMillis(duration) > 0
    ? duration
    : refuse(
      operation,
      field,
      "a finite Duration above zero, such as \"30 seconds\"",
      Duration.isDuration(value) ? Duration.format(value) : value
    )
}

/**
 * A wait in whole milliseconds, never shorter than asked: a schedule's jitter gives fractions, and Effect 3's
 * `TestClock` cannot hold a fractional instant (it dies converting it to a `BigInt`).
 *
 * @internal
 */
export const wholeMillis = (delay: Duration.Duration): Duration.Duration => {
  const millis = Duration.toMillis(delay)
  return Number.isInteger(millis) ? delay : Duration.millis(Math.ceil(millis))
}

/**
 * `record` without its `undefined` values: what goes on the wire for an input whose unset fields are left out.
 *
 * @internal
 */
export const definedOnly = <V>(record: Readonly<Record<string, V | undefined>>): Record<string, V> => {
  const out: Record<string, V> = {}
  for (const [name, value] of Object.entries(record)) if (value !== undefined) out[name] = value
  return out
}
