/**
 * The Credits operations: `getCredits` and `createCoinbaseCharge`.
 *
 * Both are `Effect` values that need `OpenRouterConfig` and an `HttpClient`, and fail only with
 * the tagged errors of `Errors`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import * as Errors from "./Errors.js"
import * as coinbase from "./internal/coinbaseCharge.js"
import { decoder } from "./internal/effectKit.js"
import { checkToken, execute } from "./internal/execute.js"
import type { HttpClient } from "./internal/httpKit.js"
import { statusError } from "./internal/response.js"
import * as Metrics from "./Metrics.js"
import { OpenRouterConfig } from "./OpenRouterConfig.js"
import * as Schemas from "./Schemas.js"

const getCreditsOperation = {
  name: "getCredits",
  method: "GET",
  path: "/credits",
  decode: decoder(Schemas.GetCreditsResponse, (body) => body.data),
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
 * @category operations
 */
export const getCredits: Effect.Effect<
  Schemas.CreditBalance,
  Errors.GetCreditsError,
  OpenRouterConfig | HttpClient.HttpClient
> = Effect.flatMap(
  OpenRouterConfig,
  (config) =>
    Effect.andThen(checkToken("getCredits", "apiKey", config.apiKey), execute(getCreditsOperation, config.apiKey))
      .pipe(
        Effect.tap((balance) => Metric.update(Metrics.creditsRemaining, balance.remaining))
      )
)

/**
 * The credentials of `createCoinbaseCharge`: its own bearer token, never the config's `apiKey`. A string is
 * wrapped in `Redacted` at once.
 *
 * @since 0.1.0
 * @category models
 */
export interface CoinbaseChargeSecurity extends coinbase.CoinbaseChargeSecurity {}

/**
 * Creates a Coinbase charge to pay for credits in crypto: `POST /credits/coinbase`.
 *
 * The input is checked before anything is sent: `amount` a finite number of US dollars above 0,
 * `sender` an EVM address, `chainId` one of `Schemas.Chain`; a bad value fails with
 * `RequestValidationError` naming the field.
 *
 * @deprecated OpenRouter removed the Coinbase Commerce credits API: the live endpoint now answers
 * `410 Gone` (`GoneResponseError`). Buy credits with the web purchase flow instead. This operation
 * is kept for servers that still implement it.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer, Schemas } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const program = Credits.createCoinbaseCharge(
 *   { bearer: process.env["OPENROUTER_BEARER"] ?? "" },
 *   { amount: 100, sender: "0x1234567890123456789012345678901234567890", chainId: Schemas.Chain.Base }
 * ).pipe(
 *   Effect.catchTag("GoneResponseError", (e) => Effect.logWarning(e.message)),
 *   Effect.provide(HttpLayer.layerFromEnv)
 * )
 * ```
 * @since 0.1.0
 * @category operations
 */
export const createCoinbaseCharge: (
  security: CoinbaseChargeSecurity,
  request: Schemas.CreateChargeRequest
) => Effect.Effect<
  Schemas.CoinbaseCharge,
  Errors.CreateCoinbaseChargeError,
  OpenRouterConfig | HttpClient.HttpClient
> = coinbase.createCoinbaseCharge
