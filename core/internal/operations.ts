/**
 * What the spend operations (`Keys`, `Activity`, `Generations`) share: a call with the config's key, and input
 * checks that refuse bad input before anything is sent.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Errors from "../Errors.js"
import { OpenRouterConfig } from "../OpenRouterConfig.js"
import { type CallError, checkToken, execute, type Operation, type Target } from "./execute.js"
import type { HttpClient } from "./httpKit.js"

/**
 * Everything a spend operation can fail with.
 *
 * @internal
 */
export type OperationError = CallError<Errors.StatusError>

/**
 * `operation`, sent with the config's key.
 *
 * @internal
 */
export const call = <A>(
  operation: Operation<A, Errors.StatusError>,
  options: { readonly body?: unknown; readonly target?: Target } = {}
): Effect.Effect<A, OperationError, OpenRouterConfig | HttpClient.HttpClient> =>
  Effect.flatMap(OpenRouterConfig, (config) =>
    Effect.andThen(
      checkToken(operation.name, "apiKey", config.apiKey),
      execute(operation, config.apiKey, options.body, options.target)
    ))

/**
 * A refusal of `field` of `operation`'s input, which then is not sent.
 *
 * @internal
 */
export const invalid = (operation: string, field: string, expected: string): Errors.RequestValidationError =>
  new Errors.RequestValidationError({ operation, field, expected })

/**
 * The first problem of an input, checked in order when the effect runs: `[field, expected, holds]`.
 *
 * @internal
 */
export const checked = (
  operation: string,
  checks: ReadonlyArray<readonly [field: string, expected: string, holds: () => boolean]>
): Effect.Effect<void, Errors.RequestValidationError> =>
  Effect.suspend(() => {
    for (const [field, expected, holds] of checks) {
      let ok = false
      try {
        ok = holds()
      } catch {
        ok = false
      }
      if (!ok) return Effect.fail(invalid(operation, field, expected))
    }
    return Effect.void
  })

/** Whether `value` is absent or passes `check`. */
export const absentOr = <A>(value: A | undefined, check: (value: A) => boolean): boolean =>
  value === undefined || check(value)

/**
 * A non-empty string of at most `max` characters.
 *
 * @internal
 */
export const isText = (max: number) => (value: unknown): boolean =>
  typeof value === "string" && value.trim().length > 0 && value.length <= max

/**
 * An amount of US dollars: finite, not below 0.
 *
 * @internal
 */
export const isDollars = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value) && value >= 0

/**
 * A key's hash as the management API gives it: a path segment of letters, digits, `-` and `_`.
 *
 * @internal
 */
export const isHash = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Za-z0-9_-]{1,128}$/.test(value)

/**
 * The reset intervals of a key's limit.
 *
 * @internal
 */
export const isLimitReset = (value: unknown): boolean =>
  value === null || value === "daily" || value === "weekly" || value === "monthly"
