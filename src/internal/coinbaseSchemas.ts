/**
 * The Coinbase charge schemas, in a module of their own so that a program that never creates a charge
 * does not bundle them. Public through `Schemas`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

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
