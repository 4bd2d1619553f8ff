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
 * `Credits.CoinbaseChargeSecurity`, documented there.
 *
 * @internal
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
 * `Credits.createCoinbaseCharge`, documented there.
 *
 * @internal
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
