/**
 * `createCoinbaseCharge`, in a module of its own so that a program that never creates a charge does not
 * bundle it or its schemas. Public through `Credits`.
 *
 * @internal
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Errors from "../Errors.js"
import type { OpenRouterConfig } from "../OpenRouterConfig.js"
import * as Schemas from "./coinbaseSchemas.js"
import { checkToken, execute } from "./execute.js"
import { statusErrorOrGone } from "./response.js"

/**
 * The credentials of `createCoinbaseCharge`: its own bearer token, never the config's `apiKey`.
 *
 * @since 0.1.0
 */
export interface CoinbaseChargeSecurity {
  readonly bearer: string | Redacted.Redacted<string>
}

const decodeCharge = Schema.decodeUnknownEither(Schemas.CreateCoinbaseChargeResponse)
const encodeChargeRequest = Schema.encodeUnknownEither(Schemas.CreateChargeRequest)

const createCoinbaseChargeOperation = {
  name: "createCoinbaseCharge",
  method: "POST",
  path: "/credits/coinbase",
  decode: (u: unknown) => Either.map(decodeCharge(u), (body) => body.data),
  statusError: statusErrorOrGone
} as const

const invalidCharge = (error: ParseResult.ParseError): Errors.RequestValidationError => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const field = issue === undefined || issue.path.length === 0 ? "request" : issue.path.map(String).join(".")
  return new Errors.RequestValidationError({
    operation: "createCoinbaseCharge",
    field,
    expected: field === "request" ? "an object { amount, sender, chainId }" : issue?.message ?? "valid"
  })
}

/** An input whose reading threw (a getter, a proxy): what it threw is not shown, it may be anything. */
const unreadable = (field: string, expected: string): Errors.RequestValidationError =>
  new Errors.RequestValidationError({ operation: "createCoinbaseCharge", field, expected })

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
 */
export const createCoinbaseCharge = (
  security: CoinbaseChargeSecurity,
  request: Schemas.CreateChargeRequest
): Effect.Effect<
  Schemas.CoinbaseCharge,
  Errors.CreateCoinbaseChargeError,
  OpenRouterConfig | HttpClient.HttpClient
> =>
  Effect.suspend(() => {
    let bearer: Redacted.Redacted<string>
    let body: Either.Either<unknown, ParseResult.ParseError>
    try {
      const given = security?.bearer
      bearer = Redacted.isRedacted(given) ? given : Redacted.make(String(given ?? ""))
    } catch {
      return Effect.fail(unreadable("bearer", "a readable { bearer } object"))
    }
    try {
      body = encodeChargeRequest(request)
    } catch {
      return Effect.fail(unreadable("request", "a readable object { amount, sender, chainId }"))
    }
    const send: Effect.Effect<
      Schemas.CoinbaseCharge,
      Errors.CreateCoinbaseChargeError,
      OpenRouterConfig | HttpClient.HttpClient
    > = Either.isLeft(body)
      ? Effect.fail(invalidCharge(body.left))
      : execute(createCoinbaseChargeOperation, bearer, body.right)
    return Effect.zipRight(checkToken("createCoinbaseCharge", "bearer", bearer), send)
  })
