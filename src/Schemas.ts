/**
 * Schemas of the Credits API: what the SDK sends, what it decodes, and the error envelope.
 *
 * Fields are camelCase in code and snake_case on the wire; every schema both decodes and encodes.
 * Unknown response fields are dropped, so new server fields never break a client.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

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

/**
 * The chains a Coinbase charge can be paid on, by name.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 *
 * const chainId = Schemas.Chain.Base // 8453
 * ```
 * @since 0.1.0
 */
export const Chain = {
  Ethereum: 1,
  Polygon: 137,
  Base: 8453
} as const

/**
 * A chain id the API accepts: 1 (Ethereum), 137 (Polygon) or 8453 (Base).
 *
 * @since 0.1.0
 */
export const ChainId = Schema.Literal(Chain.Ethereum, Chain.Polygon, Chain.Base).annotations({
  identifier: "ChainId",
  message: () => ({ message: "one of 1 (Ethereum), 137 (Polygon) or 8453 (Base)", override: true })
})

/**
 * @since 0.1.0
 */
export type ChainId = typeof ChainId.Type

/**
 * An amount in US dollars: a finite number above 0.
 *
 * @since 0.1.0
 */
export const ChargeAmount = Schema.Number.pipe(
  Schema.filter((n) => Number.isFinite(n) && n > 0)
).annotations({
  identifier: "ChargeAmount",
  message: () => ({ message: "a finite number of US dollars above 0", override: true })
})

/**
 * An EVM address: `0x` followed by 40 hexadecimal digits (any letter case).
 *
 * @since 0.1.0
 */
export const EvmAddress = Schema.String.pipe(Schema.pattern(/^0x[0-9a-fA-F]{40}$/)).annotations({
  identifier: "EvmAddress",
  message: () => ({ message: "an EVM address: 0x followed by 40 hexadecimal digits", override: true })
})

/**
 * The body of `POST /credits/coinbase`: `{ amount, sender, chainId }` in code, `chain_id` on the wire.
 *
 * @since 0.1.0
 */
export const CreateChargeRequest = Schema.Struct({
  amount: ChargeAmount,
  sender: EvmAddress,
  chainId: Schema.propertySignature(ChainId).pipe(Schema.fromKey("chain_id"))
})

/**
 * @since 0.1.0
 */
export interface CreateChargeRequest extends Schema.Schema.Type<typeof CreateChargeRequest> {}

/**
 * The call data a wallet signs to fulfil a Coinbase charge.
 *
 * @since 0.1.0
 */
export const CallData = Schema.Struct({
  deadline: Schema.String,
  feeAmount: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("fee_amount")),
  id: Schema.String,
  operator: Schema.String,
  prefix: Schema.String,
  recipient: Schema.String,
  recipientAmount: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("recipient_amount")),
  recipientCurrency: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("recipient_currency")),
  refundDestination: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("refund_destination")),
  signature: Schema.String
})

/**
 * Where a Coinbase charge is paid: chain, contract and paying address.
 *
 * @since 0.1.0
 */
export const TransferIntentMetadata = Schema.Struct({
  chainId: Schema.propertySignature(Schema.Finite).pipe(Schema.fromKey("chain_id")),
  contractAddress: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("contract_address")),
  sender: Schema.String
})

/**
 * The on-chain transfer that pays a Coinbase charge.
 *
 * @since 0.1.0
 */
export const Web3Data = Schema.Struct({
  transferIntent: Schema.propertySignature(
    Schema.Struct({
      callData: CallData.pipe(Schema.propertySignature, Schema.fromKey("call_data")),
      metadata: TransferIntentMetadata
    })
  ).pipe(Schema.fromKey("transfer_intent"))
})

/**
 * A Coinbase charge: its id, when it was created and expires, and the transfer that pays it.
 *
 * @since 0.1.0
 */
export class CoinbaseCharge extends Schema.Class<CoinbaseCharge>("CoinbaseCharge")({
  id: Schema.String,
  createdAt: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("created_at")),
  expiresAt: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("expires_at")),
  web3Data: Schema.propertySignature(Web3Data).pipe(Schema.fromKey("web3_data"))
}) {}

/**
 * The 200 body of `POST /credits/coinbase`.
 *
 * @since 0.1.0
 */
export const CreateCoinbaseChargeResponse = Schema.Struct({ data: CoinbaseCharge })

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
