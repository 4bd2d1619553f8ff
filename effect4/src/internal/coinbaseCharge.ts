/**
 * `createCoinbaseCharge`, in a module of its own so that a program that never creates a charge does not
 * bundle it or its schemas. Public through `Credits`.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
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

const decodeCharge = Schema.decodeUnknownResult(Schemas.CreateCoinbaseChargeResponse)
const encodeChargeRequest = Schema.encodeUnknownResult(Schemas.CreateChargeRequest)

const createCoinbaseChargeOperation = {
  name: "createCoinbaseCharge",
  method: "POST",
  path: "/credits/coinbase",
  decode: (u: unknown) => Result.map(decodeCharge(u), (body) => body.data),
  statusError: statusErrorOrGone
} as const

const formatter = /* @__PURE__ */ SchemaIssue.makeFormatterStandardSchemaV1()

const invalidCharge = (error: Schema.SchemaError): Errors.RequestValidationError => {
  const [issue] = formatter(error.issue).issues
  const path = issue?.path ?? []
  const field = path.length === 0
    ? "request"
    : path.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")
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
    let body: Result.Result<unknown, Schema.SchemaError>
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
    > = Result.isFailure(body)
      ? Effect.fail(invalidCharge(body.failure))
      : execute(createCoinbaseChargeOperation, bearer, body.success)
    return Effect.andThen(checkToken("createCoinbaseCharge", "bearer", bearer), send)
  })
