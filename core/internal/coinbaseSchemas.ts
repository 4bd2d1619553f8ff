/**
 * The Coinbase charge schemas, in a module of their own so that a program that never creates a charge
 * does not bundle them. Public through `Schemas`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { fromWire, literals, named, refined, wireFields, wireStruct } from "./schemaKit.js"

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
export const ChainId = named(literals(Chain.Ethereum, Chain.Polygon, Chain.Base), {
  identifier: "ChainId",
  message: "one of 1 (Ethereum), 137 (Polygon) or 8453 (Base)"
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
export const ChargeAmount = refined(Schema.Number, (n) => Number.isFinite(n) && n > 0, {
  identifier: "ChargeAmount",
  message: "a finite number of US dollars above 0"
})

/**
 * An EVM address: `0x` followed by 40 hexadecimal digits (any letter case).
 *
 * @since 0.1.0
 */
export const EvmAddress = refined(Schema.String, /^0x[0-9a-fA-F]{40}$/, {
  identifier: "EvmAddress",
  message: "an EVM address: 0x followed by 40 hexadecimal digits"
})

/**
 * The body of `POST /credits/coinbase`: `{ amount, sender, chainId }` in code, `chain_id` on the wire.
 *
 * @since 0.1.0
 */
export const CreateChargeRequest = wireStruct({ amount: ChargeAmount, sender: EvmAddress, chainId: ChainId }, {
  chainId: "chain_id"
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
export const CallData = wireStruct({
  deadline: Schema.String,
  feeAmount: Schema.String,
  id: Schema.String,
  operator: Schema.String,
  prefix: Schema.String,
  recipient: Schema.String,
  recipientAmount: Schema.String,
  recipientCurrency: Schema.String,
  refundDestination: Schema.String,
  signature: Schema.String
}, {
  feeAmount: "fee_amount",
  recipientAmount: "recipient_amount",
  recipientCurrency: "recipient_currency",
  refundDestination: "refund_destination"
})

/**
 * Where a Coinbase charge is paid: chain, contract and paying address.
 *
 * @since 0.1.0
 */
export const TransferIntentMetadata = wireStruct({
  chainId: Schema.Finite,
  contractAddress: Schema.String,
  sender: Schema.String
}, { chainId: "chain_id", contractAddress: "contract_address" })

/**
 * The on-chain transfer that pays a Coinbase charge.
 *
 * @since 0.1.0
 */
export const Web3Data = wireStruct({
  transferIntent: wireStruct({ callData: CallData, metadata: TransferIntentMetadata }, { callData: "call_data" })
}, { transferIntent: "transfer_intent" })

const chargeKeys = { createdAt: "created_at", expiresAt: "expires_at", web3Data: "web3_data" } as const

/**
 * A Coinbase charge: its id, when it was created and expires, and the transfer that pays it.
 *
 * @since 0.1.0
 */
export class CoinbaseCharge extends Schema.Class<CoinbaseCharge>("CoinbaseCharge")(wireFields({
  id: Schema.String,
  createdAt: Schema.String,
  expiresAt: Schema.String,
  web3Data: Web3Data
}, chargeKeys)) {}

/**
 * `CoinbaseCharge` as the wire carries it: snake_case keys.
 *
 * @since 2.0.0
 */
export const CoinbaseChargeFromWire = fromWire(CoinbaseCharge, chargeKeys)

/**
 * The 200 body of `POST /credits/coinbase`.
 *
 * @since 0.1.0
 */
export const CreateCoinbaseChargeResponse = Schema.Struct({ data: CoinbaseChargeFromWire })
