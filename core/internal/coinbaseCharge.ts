/**
 * `createCoinbaseCharge`, in a module of its own so that a program that never creates a charge does not
 * bundle it or its schemas. Public through `Credits`.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Errors from "../Errors.js"
import type { OpenRouterConfig } from "../OpenRouterConfig.js"
import * as Schemas from "./coinbaseSchemas.js"
import { type DecodeError, decoder, encoder, fold, type Result } from "./effectKit.js"
import { checkToken, execute } from "./execute.js"
import type { HttpClient } from "./httpKit.js"
import { statusErrorOrGone } from "./response.js"
import { issuesOf } from "./schemaKit.js"

/**
 * `Credits.CoinbaseChargeSecurity`, documented there.
 *
 * @internal
 */
export interface CoinbaseChargeSecurity {
  readonly bearer: string | Redacted.Redacted<string>
}

const encodeChargeRequest = encoder(Schemas.CreateChargeRequest)

const createCoinbaseChargeOperation = {
  name: "createCoinbaseCharge",
  method: "POST",
  path: "/credits/coinbase",
  decode: decoder(Schemas.CreateCoinbaseChargeResponse, (body) => body.data),
  statusError: statusErrorOrGone
} as const

const invalidCharge = (error: DecodeError): Errors.RequestValidationError => {
  const [issue] = issuesOf(error)
  const field = issue === undefined || issue.path.length === 0 ? "request" : issue.path.join(".")
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
    let body: Result<unknown, DecodeError>
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
    > = fold(
      body,
      (error) => Effect.fail(invalidCharge(error)),
      (encoded) => execute(createCoinbaseChargeOperation, bearer, encoded)
    )
    return Effect.andThen(checkToken("createCoinbaseCharge", "bearer", bearer), send)
  })
