/**
 * The API Keys operations: `getCurrentKey`, which works with any key.
 *
 * Like the Credits operations, an `Effect` value that needs `OpenRouterConfig` and an `HttpClient`, with the
 * same retries, timeout, span, bounded reads and secret handling, failing only with the tagged errors of
 * `Errors`.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import type * as Errors from "./Errors.js"
import { decoder } from "./internal/effectKit.js"
import { checkToken, execute } from "./internal/execute.js"
import type { HttpClient } from "./internal/httpKit.js"
import * as keys from "./internal/keySchemas.js"
import { statusError } from "./internal/response.js"
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
