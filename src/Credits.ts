/**
 * The Credits operations: `getCredits` and `createCoinbaseCharge`.
 *
 * Both are `Effect` values that need `OpenRouterConfig` and an `HttpClient`, and fail only with
 * the tagged errors of `Errors`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Errors from "./Errors.js"
import { checkToken, execute } from "./internal/execute.js"
import { statusError } from "./internal/response.js"
import { OpenRouterConfig } from "./OpenRouterConfig.js"
import * as Schemas from "./Schemas.js"

const decodeCredits = Schema.decodeUnknownEither(Schemas.GetCreditsResponse)

const getCreditsOperation = {
  name: "getCredits",
  method: "GET",
  path: "/credits",
  decode: (u: unknown) => Either.map(decodeCredits(u), (body) => body.data),
  statusError
} as const

/**
 * The account's credit balance: `GET /credits`. Needs a **management key** as `apiKey`;
 * an ordinary key fails with `ForbiddenResponseError`.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const balance = yield* Credits.getCredits
 *   console.log(`${balance.remaining} of ${balance.totalCredits} credits left`)
 * }).pipe(Effect.provide(HttpLayer.layerFromEnv))
 * ```
 * @since 0.1.0
 */
export const getCredits: Effect.Effect<
  Schemas.CreditBalance,
  Errors.GetCreditsError,
  OpenRouterConfig | HttpClient.HttpClient
> = Effect.flatMap(
  OpenRouterConfig,
  (config) =>
    Effect.zipRight(checkToken("getCredits", "apiKey", config.apiKey), execute(getCreditsOperation, config.apiKey))
)

export { type CoinbaseChargeSecurity, createCoinbaseCharge } from "./internal/coinbaseCharge.js"
