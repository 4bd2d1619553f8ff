/**
 * The API Keys operations: `getCurrentKey`, which works with any key, and `spendable`: what the key can spend now.
 *
 * Like the Credits operations, an `Effect` value that needs `OpenRouterConfig` and an `HttpClient`, with the
 * same retries, timeout, span, bounded reads and secret handling, failing only with the tagged errors of
 * `Errors`.
 *
 * @since 0.3.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import { getCredits } from "./Credits.js"
import type * as Errors from "./Errors.js"
import { catchAll, decoder } from "./internal/effectKit.js"
import { checkToken, execute } from "./internal/execute.js"
import type { HttpClient } from "./internal/httpKit.js"
import * as keys from "./internal/keySchemas.js"
import { statusError } from "./internal/response.js"
import * as internal from "./internal/spendable.js"
import * as Metrics from "./Metrics.js"
import { OpenRouterConfig } from "./OpenRouterConfig.js"
import type * as Schemas from "./Schemas.js"

const getCurrentKeyOperation = {
  name: "getCurrentKey",
  method: "GET",
  path: "/key",
  decode: decoder(keys.GetCurrentKeyResponse, (body) => body.data),
  statusError
} as const

/**
 * The key in `OpenRouterConfig` as OpenRouter sees it: `GET /key`. Works with **any** key, ordinary or
 * management, so it is where an ordinary key reads its own spending limit (`limit`, `null` for none) and what is
 * left of it (`limitRemaining`), and how a program tells a management key from an ordinary one before calling
 * `Credits.getCredits`.
 *
 * @example
 * ```ts
 * import { ApiKeys, HttpLayer } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const key = yield* ApiKeys.getCurrentKey
 *   console.log(key.limitRemaining === null ? "no limit" : `$${key.limitRemaining} left of $${key.limit}`)
 *   console.log(key.isManagementKey ? "may read /credits" : "an ordinary key")
 * }).pipe(Effect.provide(HttpLayer.layerFromEnv))
 * ```
 * @since 0.3.0
 * @category operations
 */
export const getCurrentKey: Effect.Effect<
  Schemas.CurrentKey,
  Errors.GetCurrentKeyError,
  OpenRouterConfig | HttpClient.HttpClient
> = Effect.flatMap(
  OpenRouterConfig,
  (config) =>
    Effect.andThen(
      checkToken("getCurrentKey", "apiKey", config.apiKey),
      execute(getCurrentKeyOperation, config.apiKey)
    ).pipe(
      Effect.tap((key) =>
        key.limitRemaining === null ? Effect.void : Metric.update(Metrics.keyLimitRemaining, key.limitRemaining)
      )
    )
)

/**
 * The layer that bounds what a key can spend now: a budget layer, the key's own limit, the account's balance, or
 * nothing.
 *
 * @since 2.2.0
 * @category models
 */
export type SpendableLayer = internal.Layer

/**
 * What a key can spend now, which layer binds, and when it resets.
 *
 * @since 2.2.0
 * @category models
 */
export interface Spendable extends internal.Spendable {}

/**
 * What this key can spend right now: the amount left on the layer that blocks first (a budget from `/key`, the
 * key's own limit, or the account's balance where the key may read it: a management key), which layer that is,
 * and when it resets. `remaining` is `null` only when nothing bounds the key, and `layer` then says
 * `"unbounded"`. An ordinary key's answer never depends on `/credits`, which refuses it.
 *
 * @example
 * ```ts
 * import { ApiKeys } from "openrouter-effect"
 * import { Console, Effect } from "effect"
 *
 * const report = Effect.gen(function*() {
 *   const now = yield* ApiKeys.spendable
 *   yield* Console.log(
 *     now.remaining === null
 *       ? "nothing bounds this key"
 *       : `$${now.remaining} left (${now.scope ?? now.layer}), resets ${now.resetsAt?.toISOString() ?? "never"}`
 *   )
 * })
 * ```
 * @since 2.2.0
 * @category operations
 */
export const spendable: Effect.Effect<
  Spendable,
  Errors.GetCurrentKeyError,
  OpenRouterConfig | HttpClient.HttpClient
> = Effect.gen(function*() {
  const key = yield* getCurrentKey
  const account = key.isManagementKey
    ? yield* catchAll(
      Effect.map(getCredits, (balance): number | undefined => balance.remaining),
      (error) => error._tag === "ForbiddenResponseError" ? Effect.succeed(undefined) : Effect.fail(error)
    )
    : undefined
  return internal.spendableOf(key, account, yield* Clock.currentTimeMillis)
})
