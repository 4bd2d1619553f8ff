/**
 * Schemas of the Credits API: what the SDK sends, what it decodes, and the error envelope.
 *
 * Fields are camelCase in code and snake_case on the wire; every schema both decodes and encodes.
 * Unknown response fields are dropped, so new server fields never break a client.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as coinbase from "./internal/coinbaseSchemas.js"
import * as keys from "./internal/keySchemas.js"
import { fromWire, optional, record, refined, wireFields } from "./internal/schemaKit.js"
import * as spend from "./internal/spendSchemas.js"

const creditBalanceWire = { totalCredits: "total_credits", totalUsage: "total_usage" } as const

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
 * @category models
 */
export class CreditBalance extends Schema.Class<CreditBalance>("CreditBalance")(wireFields({
  totalCredits: Schema.Finite,
  totalUsage: Schema.Finite
}, creditBalanceWire)) {
  /** Credits still available: `totalCredits - totalUsage`. */
  get remaining(): number {
    return this.totalCredits - this.totalUsage
  }
}

/**
 * `CreditBalance` as the wire carries it: `{ total_credits, total_usage }`; decode wire JSON with this one. In
 * Effect 4 `CreditBalance` itself is the decoded shape (its encoded form is camelCase, as Effect 4 classes are); in
 * Effect 3 the class reads the wire form and this is the class.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const balance = Schema.decodeUnknownSync(Schemas.CreditBalanceFromWire)({ total_credits: 10, total_usage: 4 })
 * console.log(balance.remaining) // 6
 * ```
 * @since 2.0.0
 * @category schemas
 */
export const CreditBalanceFromWire = fromWire(CreditBalance, creditBalanceWire)

/**
 * The 200 body of `GET /credits`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GetCreditsResponse = Schema.Struct({ data: CreditBalanceFromWire })

// The Coinbase charge schemas live in their own module, so a program that never creates a charge does not
// bundle them; they are declared here, with their documentation, and taken from there.

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
 * @category constants
 */
export const Chain: typeof coinbase.Chain = coinbase.Chain

/**
 * A chain id the API accepts: 1 (Ethereum), 137 (Polygon) or 8453 (Base).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChainId: typeof coinbase.ChainId = coinbase.ChainId

/**
 * @since 0.1.0
 * @category models
 */
export type ChainId = coinbase.ChainId

/**
 * An amount in US dollars: a finite number above 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChargeAmount: typeof coinbase.ChargeAmount = coinbase.ChargeAmount

/**
 * An EVM address: `0x` followed by 40 hexadecimal digits (any letter case).
 *
 * @since 0.1.0
 * @category schemas
 */
export const EvmAddress: typeof coinbase.EvmAddress = coinbase.EvmAddress

/**
 * The body of `POST /credits/coinbase`: `{ amount, sender, chainId }` in code, `chain_id` on the wire.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateChargeRequest: typeof coinbase.CreateChargeRequest = coinbase.CreateChargeRequest

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateChargeRequest extends coinbase.CreateChargeRequest {}

/**
 * The call data a wallet signs to fulfil a Coinbase charge.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CallData: typeof coinbase.CallData = coinbase.CallData

/**
 * Where a Coinbase charge is paid: chain, contract and paying address.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TransferIntentMetadata: typeof coinbase.TransferIntentMetadata = coinbase.TransferIntentMetadata

/**
 * The on-chain transfer that pays a Coinbase charge.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Web3Data: typeof coinbase.Web3Data = coinbase.Web3Data

/**
 * A Coinbase charge: its id, when it was created and expires, and the transfer that pays it.
 *
 * @since 0.1.0
 * @category models
 */
export const CoinbaseCharge: typeof coinbase.CoinbaseCharge = coinbase.CoinbaseCharge

/**
 * `CoinbaseCharge` as the wire carries it: snake_case keys.
 *
 * @since 2.0.0
 * @category schemas
 */
export const CoinbaseChargeFromWire: typeof coinbase.CoinbaseChargeFromWire = coinbase.CoinbaseChargeFromWire

/**
 * @since 0.1.0
 * @category models
 */
export type CoinbaseCharge = coinbase.CoinbaseCharge

/**
 * The 200 body of `POST /credits/coinbase`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateCoinbaseChargeResponse: typeof coinbase.CreateCoinbaseChargeResponse =
  coinbase.CreateCoinbaseChargeResponse

// The GET /key schemas live in their own module too, for the same reason.

/**
 * The key that made the call, as `GET /key` describes it (camelCase; amounts in US dollars): its label, its
 * spending limit and what is left of it (`null`: no limit), its usage by period, BYOK usage, whether it is a
 * management key, when it expires. Deprecated wire fields stay optional and are marked `@deprecated`.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const key = Schema.decodeUnknownSync(Schemas.GetCurrentKeyResponse)({
 *   data: {
 *     label: "sk-or-v1-au7...890", limit: 100, limit_remaining: 74.5, limit_reset: "monthly",
 *     usage: 25.5, usage_daily: 25.5, usage_weekly: 25.5, usage_monthly: 25.5,
 *     byok_usage: 0, byok_usage_daily: 0, byok_usage_weekly: 0, byok_usage_monthly: 0,
 *     include_byok_in_limit: false, is_free_tier: false, is_management_key: false,
 *     expires_at: null, creator_user_id: null
 *   }
 * }).data
 * console.log(key.limitRemaining) // 74.5
 * ```
 * @since 0.3.0
 * @category models
 */
export const CurrentKey: typeof keys.CurrentKey = keys.CurrentKey

/**
 * `CurrentKey` as the wire carries it: snake_case keys.
 *
 * @since 2.0.0
 * @category schemas
 */
export const CurrentKeyFromWire: typeof keys.CurrentKeyFromWire = keys.CurrentKeyFromWire

/**
 * @since 0.3.0
 * @category models
 */
export type CurrentKey = keys.CurrentKey

/**
 * The deprecated `rate_limit` object of `GET /key`.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const legacy = Schema.decodeUnknownSync(Schemas.LegacyRateLimit)({ requests: -1, interval: "10s", note: "ignore" })
 * ```
 * @since 0.3.0
 * @category schemas
 */
export const LegacyRateLimit: typeof keys.LegacyRateLimit = keys.LegacyRateLimit

/**
 * The 200 body of `GET /key`.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownSync(Schemas.GetCurrentKeyResponse)
 * ```
 * @since 0.3.0
 * @category schemas
 */
export const GetCurrentKeyResponse: typeof keys.GetCurrentKeyResponse = keys.GetCurrentKeyResponse

// The spend schemas (`/keys`, `/activity`, `/generation`, and `/key`'s budgets) live in their own module too.

/**
 * One budget layer that applies to a key's requests: its scope, limit, spend, what is left, and when it resets.
 *
 * @example
 * ```ts
 * import { Schemas } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const budget = Schema.decodeUnknownSync(Schemas.KeyBudget)({
 *   scope: "member", guardrail_id: null, budget_id: null, limit_usd: 50, spend_usd: 32.5, remaining_usd: 17.5,
 *   reset_interval: "weekly", resets_at: "2026-10-12T00:00:00.000Z", include_byok: false
 * })
 * console.log(budget.remainingUsd) // 17.5
 * ```
 * @since 2.2.0
 * @category schemas
 */
export const KeyBudget: typeof spend.KeyBudget = spend.KeyBudget

/**
 * @since 2.2.0
 * @category models
 */
export type KeyBudget = spend.KeyBudget

/**
 * The account's free-model (`:free`) request quota for the current UTC day: `used`, `limit`, `remaining`.
 *
 * @since 2.2.0
 * @category schemas
 */
export const FreeModelDailyRequests: typeof spend.FreeModelDailyRequests = spend.FreeModelDailyRequests

/**
 * @since 2.2.0
 * @category models
 */
export type FreeModelDailyRequests = spend.FreeModelDailyRequests

/**
 * A key as the management API describes it (`Keys.list`, `Keys.get`): hash, name, limit and spend, never the key.
 *
 * @example
 * ```ts
 * import type { Schemas } from "openrouter-effect"
 *
 * const describe = (key: Schemas.ApiKey) => `${key.name}: $${key.usageMonthly} this month`
 * ```
 * @since 2.2.0
 * @category models
 */
export const ApiKey: typeof spend.ApiKey = spend.ApiKey

/**
 * @since 2.2.0
 * @category models
 */
export type ApiKey = spend.ApiKey

/**
 * `ApiKey` as the wire carries it: snake_case keys.
 *
 * @since 2.2.0
 * @category schemas
 */
export const ApiKeyFromWire: typeof spend.ApiKeyFromWire = spend.ApiKeyFromWire

/**
 * The 200 body of `GET /keys`: one page of keys.
 *
 * @since 2.2.0
 * @category schemas
 */
export const ListKeysResponse: typeof spend.ListKeysResponse = spend.ListKeysResponse

/**
 * The 200 body of `GET /keys/{hash}` and `PATCH /keys/{hash}`.
 *
 * @since 2.2.0
 * @category schemas
 */
export const KeyResponse: typeof spend.KeyResponse = spend.KeyResponse

/**
 * The 201 body of `POST /keys`: the key's description and the new key, which OpenRouter shows this once.
 *
 * @since 2.2.0
 * @category schemas
 */
export const CreateKeyResponse: typeof spend.CreateKeyResponse = spend.CreateKeyResponse

/**
 * The 200 body of `DELETE /keys/{hash}`: `{ deleted: true }`.
 *
 * @since 2.2.0
 * @category schemas
 */
export const DeleteKeyResponse: typeof spend.DeleteKeyResponse = spend.DeleteKeyResponse

/**
 * A day's activity for one model on one endpoint: spend, requests and tokens.
 *
 * @since 2.2.0
 * @category schemas
 */
export const ActivityItem: typeof spend.ActivityItem = spend.ActivityItem

/**
 * @since 2.2.0
 * @category models
 */
export type ActivityItem = spend.ActivityItem

/**
 * The 200 body of `GET /activity`.
 *
 * @since 2.2.0
 * @category schemas
 */
export const ActivityResponse: typeof spend.ActivityResponse = spend.ActivityResponse

/**
 * What one generation cost (`Generations.get`): total, upstream cost, cache discount, BYOK, tokens.
 *
 * @example
 * ```ts
 * import type { Schemas } from "openrouter-effect"
 *
 * const cost = (generation: Schemas.Generation) => generation.totalCost - (generation.cacheDiscount ?? 0)
 * ```
 * @since 2.2.0
 * @category models
 */
export const Generation: typeof spend.Generation = spend.Generation

/**
 * @since 2.2.0
 * @category models
 */
export type Generation = spend.Generation

/**
 * `Generation` as the wire carries it: snake_case keys.
 *
 * @since 2.2.0
 * @category schemas
 */
export const GenerationFromWire: typeof spend.GenerationFromWire = spend.GenerationFromWire

/**
 * The 200 body of `GET /generation`.
 *
 * @since 2.2.0
 * @category schemas
 */
export const GenerationResponse: typeof spend.GenerationResponse = spend.GenerationResponse

/**
 * A key of an error's `metadata`. `__proto__` is dropped: copied into the decoded object it would
 * replace that object's prototype with whatever the server sent.
 */
const MetadataKey = refined(Schema.String, (key) => key !== "__proto__", {
  identifier: "MetadataKey",
  message: "a key other than __proto__"
})

/**
 * The `error` object of OpenRouter's error envelope.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorDetail = Schema.Struct({
  code: Schema.Int,
  message: Schema.String,
  metadata: optional(Schema.NullOr(record(MetadataKey, Schema.Unknown)))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ErrorDetail extends Schema.Schema.Type<typeof ErrorDetail> {}

/**
 * The body OpenRouter sends with every error status:
 * `{"error":{"code":int,"message":string,"metadata":object|null},"user_id":string|null}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorResponse = Schema.Struct({
  error: ErrorDetail,
  user_id: optional(Schema.NullOr(Schema.String))
})
