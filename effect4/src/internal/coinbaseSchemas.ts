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
export const ChainId = Schema.Literals([Chain.Ethereum, Chain.Polygon, Chain.Base]).annotate({
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
// The message on the base schema too: it is the one a value of the wrong type reports.
const CHARGE_AMOUNT = "a finite number of US dollars above 0"
export const ChargeAmount = Schema.Number.annotate({ message: CHARGE_AMOUNT }).check(
  Schema.makeFilter((n) => Number.isFinite(n) && n > 0, { message: CHARGE_AMOUNT })
).annotate({ identifier: "ChargeAmount" })

/**
 * An EVM address: `0x` followed by 40 hexadecimal digits (any letter case).
 *
 * @since 0.1.0
 */
const EVM_ADDRESS = "an EVM address: 0x followed by 40 hexadecimal digits"
export const EvmAddress = Schema.String.annotate({ message: EVM_ADDRESS }).check(
  Schema.isPattern(/^0x[0-9a-fA-F]{40}$/, { message: EVM_ADDRESS })
).annotate({ identifier: "EvmAddress" })

/**
 * The body of `POST /credits/coinbase`: `{ amount, sender, chainId }` in code, `chain_id` on the wire.
 *
 * @since 0.1.0
 */
export const CreateChargeRequest = Schema.Struct({
  amount: ChargeAmount,
  sender: EvmAddress,
  chainId: ChainId
}).pipe(Schema.encodeKeys({ chainId: "chain_id" }))

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
  feeAmount: Schema.String,
  id: Schema.String,
  operator: Schema.String,
  prefix: Schema.String,
  recipient: Schema.String,
  recipientAmount: Schema.String,
  recipientCurrency: Schema.String,
  refundDestination: Schema.String,
  signature: Schema.String
}).pipe(Schema.encodeKeys({
  feeAmount: "fee_amount",
  recipientAmount: "recipient_amount",
  recipientCurrency: "recipient_currency",
  refundDestination: "refund_destination"
}))

/**
 * Where a Coinbase charge is paid: chain, contract and paying address.
 *
 * @since 0.1.0
 */
export const TransferIntentMetadata = Schema.Struct({
  chainId: Schema.Finite,
  contractAddress: Schema.String,
  sender: Schema.String
}).pipe(Schema.encodeKeys({ chainId: "chain_id", contractAddress: "contract_address" }))

/**
 * The on-chain transfer that pays a Coinbase charge.
 *
 * @since 0.1.0
 */
export const Web3Data = Schema.Struct({
  transferIntent: Schema.Struct({
    callData: CallData,
    metadata: TransferIntentMetadata
  }).pipe(Schema.encodeKeys({ callData: "call_data" }))
}).pipe(Schema.encodeKeys({ transferIntent: "transfer_intent" }))

/**
 * A Coinbase charge: its id, when it was created and expires, and the transfer that pays it.
 *
 * @since 0.1.0
 */
export class CoinbaseCharge extends Schema.Class<CoinbaseCharge>("CoinbaseCharge")({
  id: Schema.String,
  createdAt: Schema.String,
  expiresAt: Schema.String,
  web3Data: Web3Data
}) {}

/**
 * The 200 body of `POST /credits/coinbase`.
 *
 * @since 0.1.0
 */
/**
 * `CoinbaseCharge` as the wire carries it: snake_case keys.
 *
 * @since 2.0.0
 */
export const CoinbaseChargeFromWire = CoinbaseCharge.pipe(
  Schema.encodeKeys({ createdAt: "created_at", expiresAt: "expires_at", web3Data: "web3_data" })
)

export const CreateCoinbaseChargeResponse = Schema.Struct({ data: CoinbaseChargeFromWire })
