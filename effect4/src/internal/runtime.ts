import * as Effect from "effect/Effect"
import * as Errors from "../Errors.js"

const parts = (version: string): ReadonlyArray<number> => version.replace(/^v/, "").split(".").map((n) => Number(n))

/**
 * Whether Node.js `version` is `minimum` or later (both as `major.minor.patch`).
 *
 * @internal
 */
export const atLeast = (version: string, minimum: string): boolean => {
  const have = parts(version)
  const need = parts(minimum)
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0
    const b = need[i] ?? 0
    if (a !== b) return a > b
  }
  return true
}

/**
 * Succeeds on Node.js `minimum` or later; fails with `UnsupportedRuntimeError` naming `layer` otherwise.
 *
 * @internal
 */
export const requireNode = (
  layer: string,
  minimum: string,
  version: string | undefined = globalThis.process?.versions?.node
): Effect.Effect<void, Errors.UnsupportedRuntimeError> =>
  version !== undefined && atLeast(version, minimum)
    ? Effect.void
    : Effect.fail(
      new Errors.UnsupportedRuntimeError({ layer, required: `>= ${minimum}`, found: version ?? "none (not Node.js)" })
    )
