/**
 * Schemas of the Credits API: what the SDK sends, what it decodes, and the error envelope.
 *
 * Fields are camelCase in code and snake_case on the wire; every schema both decodes and encodes.
 * Unknown response fields are dropped, so new server fields never break a client.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The credit balance of the account that owns the management key.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 *
 * const balance = new Schemas.CreditBalance({ totalCredits: 100.5, totalUsage: 25.75 })
 * console.log(balance.remaining) // 74.75
 * ```
 * @since 0.1.0
 */
export class CreditBalance extends Schema.Class<CreditBalance>("CreditBalance")({
  totalCredits: Schema.propertySignature(Schema.Finite).pipe(Schema.fromKey("total_credits")),
  totalUsage: Schema.propertySignature(Schema.Finite).pipe(Schema.fromKey("total_usage"))
}) {
  /** Credits still available: `totalCredits - totalUsage`. */
  get remaining(): number {
    return this.totalCredits - this.totalUsage
  }
}

/**
 * The 200 body of `GET /credits`.
 *
 * @since 0.1.0
 */
export const GetCreditsResponse = Schema.Struct({ data: CreditBalance })

// The Coinbase charge schemas live in their own module, so a program that never creates a charge
// does not bundle them.
export {
  CallData,
  Chain,
  ChainId,
  ChargeAmount,
  CoinbaseCharge,
  CreateChargeRequest,
  CreateCoinbaseChargeResponse,
  EvmAddress,
  TransferIntentMetadata,
  Web3Data
} from "./internal/coinbaseSchemas.js"

/**
 * A key of an error's `metadata`. `__proto__` is dropped: copied into the decoded object it would
 * replace that object's prototype with whatever the server sent.
 */
const MetadataKey = Schema.String.pipe(Schema.filter((key) => key !== "__proto__"))

/**
 * The `error` object of OpenRouter's error envelope.
 *
 * @since 0.1.0
 */
export const ErrorDetail = Schema.Struct({
  code: Schema.Int,
  message: Schema.String,
  metadata: Schema.optionalWith(Schema.NullOr(Schema.Record({ key: MetadataKey, value: Schema.Unknown })), {
    exact: true
  })
})

/**
 * @since 0.1.0
 */
export interface ErrorDetail extends Schema.Schema.Type<typeof ErrorDetail> {}

/**
 * The body OpenRouter sends with every error status:
 * `{"error":{"code":int,"message":string,"metadata":object|null},"user_id":string|null}`.
 *
 * @since 0.1.0
 */
export const ErrorResponse = Schema.Struct({
  error: ErrorDetail,
  user_id: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true })
})
