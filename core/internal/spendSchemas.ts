/**
 * The schemas of the spend operations (`/keys`, `/activity`, `/generation`) and of `/key`'s budgets, in a module of
 * their own so that a program that only reads the balance does not bundle them. Public through `Schemas`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { fromWire, nullByDefault, optional, wireFields, wireStruct } from "./schemaKit.js"

const usd = Schema.Finite
const count = Schema.Int

/**
 * One budget layer that applies to a key's requests, with what enforcement compares against it.
 *
 * @since 2.2.0
 */
export const KeyBudget = wireStruct({
  /**
   * What the budget belongs to: `key_limit` (the key's own limit), `api_key`, `member`, `workspace`,
   * `workspace_default_member`, `workspace_default_key`, or a scope added later.
   */
  scope: Schema.String,
  guardrailId: Schema.NullOr(Schema.String),
  budgetId: Schema.NullOr(Schema.String),
  limitUsd: usd,
  spendUsd: usd,
  /** What is left; zero or below, the layer refuses requests with 403. */
  remainingUsd: usd,
  /** `daily`, `weekly`, `monthly`, or `null` for a lifetime budget. */
  resetInterval: Schema.NullOr(Schema.String),
  resetsAt: Schema.NullOr(Schema.DateFromString),
  includeByok: Schema.Boolean
}, {
  guardrailId: "guardrail_id",
  budgetId: "budget_id",
  limitUsd: "limit_usd",
  spendUsd: "spend_usd",
  remainingUsd: "remaining_usd",
  resetInterval: "reset_interval",
  resetsAt: "resets_at",
  includeByok: "include_byok"
})

/**
 * @since 2.2.0
 */
export type KeyBudget = typeof KeyBudget.Type

/**
 * The account's free-model (`:free`) request quota for the current UTC day.
 *
 * @since 2.2.0
 */
export const FreeModelDailyRequests = Schema.Struct({ used: count, limit: count, remaining: count })

/**
 * @since 2.2.0
 */
export type FreeModelDailyRequests = typeof FreeModelDailyRequests.Type

/**
 * What `GET /key` and the management API both say of a key: its label, limit, usage by period and BYOK usage,
 * expiry and creator.
 *
 * @internal
 */
export const keyFields = {
  /** What OpenRouter shows of the key (a shortened form), never the key. */
  label: Schema.String,
  /** The key's spending limit, or `null` when it has none. */
  limit: Schema.NullOr(usd),
  /** What is left of the spending limit, or `null` when the key has no limit. */
  limitRemaining: Schema.NullOr(usd),
  /** How the limit resets (`"monthly"`, …), or `null`. */
  limitReset: Schema.NullOr(Schema.String),
  /** Whether BYOK usage counts against the limit. */
  includeByokInLimit: Schema.Boolean,
  /** Total OpenRouter credit used by the key. */
  usage: usd,
  usageDaily: usd,
  usageWeekly: usd,
  usageMonthly: usd,
  /** External (bring-your-own-key) usage. */
  byokUsage: usd,
  byokUsageDaily: usd,
  byokUsageWeekly: usd,
  byokUsageMonthly: usd,
  /** When the key expires, or `null` if it does not (also when the server leaves the field out, as it may). */
  expiresAt: nullByDefault(Schema.DateFromString),
  /** Who created the key, or `null`. */
  creatorUserId: Schema.NullOr(Schema.String)
}

/**
 * The wire names of {@link keyFields}.
 *
 * @internal
 */
export const keyWire = {
  limitRemaining: "limit_remaining",
  limitReset: "limit_reset",
  includeByokInLimit: "include_byok_in_limit",
  usageDaily: "usage_daily",
  usageWeekly: "usage_weekly",
  usageMonthly: "usage_monthly",
  byokUsage: "byok_usage",
  byokUsageDaily: "byok_usage_daily",
  byokUsageWeekly: "byok_usage_weekly",
  byokUsageMonthly: "byok_usage_monthly",
  expiresAt: "expires_at",
  creatorUserId: "creator_user_id"
} as const

const apiKeyWire = {
  ...keyWire,
  createdAt: "created_at",
  updatedAt: "updated_at",
  lastUsedAt: "last_used_at",
  externalUser: "external_user",
  workspaceId: "workspace_id"
} as const

/**
 * A key as the management API lists it: its hash (its id), name, limit and spend. Never the key itself.
 *
 * @since 2.2.0
 */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")(wireFields({
  /** The key's id in the management API (a SHA-256 hex string). */
  hash: Schema.String,
  name: Schema.String,
  disabled: Schema.Boolean,
  ...keyFields,
  createdAt: Schema.String,
  updatedAt: Schema.NullOr(Schema.String),
  /** When the key was last used, or `null`; older servers leave it out. */
  lastUsedAt: optional(Schema.NullOr(Schema.String)),
  /** The partner's end user the key was made for, or `null`; older servers leave it out. */
  externalUser: optional(Schema.NullOr(Schema.String)),
  workspaceId: Schema.String
}, apiKeyWire)) {}

/**
 * `ApiKey` as the wire carries it: snake_case keys.
 *
 * @since 2.2.0
 */
export const ApiKeyFromWire = fromWire(ApiKey, apiKeyWire)

/**
 * The 200 body of `GET /keys`: one page.
 *
 * @since 2.2.0
 */
export const ListKeysResponse = Schema.Struct({ data: Schema.Array(ApiKeyFromWire) })

/**
 * The 200 body of `GET /keys/{hash}` and `PATCH /keys/{hash}`.
 *
 * @since 2.2.0
 */
export const KeyResponse = Schema.Struct({ data: ApiKeyFromWire })

/**
 * The 201 body of `POST /keys`: the key's description and, this once, the key itself.
 *
 * @since 2.2.0
 */
export const CreateKeyResponse = Schema.Struct({ data: ApiKeyFromWire, key: Schema.String })

/**
 * The 200 body of `DELETE /keys/{hash}`.
 *
 * @since 2.2.0
 */
export const DeleteKeyResponse = Schema.Struct({ deleted: Schema.Literal(true) })

/**
 * A day's activity for one model on one endpoint: spend in US dollars, requests and tokens.
 *
 * @since 2.2.0
 */
export const ActivityItem = wireStruct({
  /** The UTC day, `YYYY-MM-DD`. */
  date: Schema.String,
  model: Schema.String,
  modelPermaslug: Schema.String,
  endpointId: Schema.String,
  providerName: Schema.String,
  /** OpenRouter credits spent. */
  usage: usd,
  /** BYOK inference cost (external credits). */
  byokUsageInference: usd,
  requests: count,
  promptTokens: count,
  completionTokens: count,
  reasoningTokens: count,
  /** Prompt tokens read from a provider's cache; older servers leave it out. */
  cachedTokens: optional(count),
  /** Only with `groupBy: "workspace"`. */
  workspaceId: optional(Schema.String)
}, {
  modelPermaslug: "model_permaslug",
  endpointId: "endpoint_id",
  providerName: "provider_name",
  byokUsageInference: "byok_usage_inference",
  promptTokens: "prompt_tokens",
  completionTokens: "completion_tokens",
  reasoningTokens: "reasoning_tokens",
  cachedTokens: "cached_tokens",
  workspaceId: "workspace_id"
})

/**
 * @since 2.2.0
 */
export type ActivityItem = typeof ActivityItem.Type

/**
 * The 200 body of `GET /activity`.
 *
 * @since 2.2.0
 */
export const ActivityResponse = Schema.Struct({ data: Schema.Array(ActivityItem) })

const generationWire = {
  totalCost: "total_cost",
  upstreamInferenceCost: "upstream_inference_cost",
  cacheDiscount: "cache_discount",
  isByok: "is_byok",
  createdAt: "created_at",
  providerName: "provider_name",
  tokensPrompt: "tokens_prompt",
  tokensCompletion: "tokens_completion",
  nativeTokensCached: "native_tokens_cached",
  generationTime: "generation_time",
  finishReason: "finish_reason",
  externalUser: "external_user",
  upstreamId: "upstream_id",
  workspaceId: "workspace_id"
} as const

/**
 * What one generation cost and how it ran. Amounts are US dollars.
 *
 * @since 2.2.0
 */
export class Generation extends Schema.Class<Generation>("Generation")(wireFields({
  id: Schema.String,
  model: Schema.String,
  createdAt: Schema.String,
  /** What the generation cost in all. */
  totalCost: usd,
  /** What the upstream provider charged, for BYOK requests; else `null`. */
  upstreamInferenceCost: Schema.NullOr(usd),
  /** The discount from a cached prompt, or `null`. */
  cacheDiscount: Schema.NullOr(usd),
  /** OpenRouter credits charged. */
  usage: usd,
  isByok: Schema.Boolean,
  providerName: Schema.NullOr(Schema.String),
  tokensPrompt: Schema.NullOr(count),
  tokensCompletion: Schema.NullOr(count),
  nativeTokensCached: Schema.NullOr(count),
  /** Milliseconds to the first token, or `null`. */
  latency: Schema.NullOr(Schema.Finite),
  generationTime: Schema.NullOr(Schema.Finite),
  finishReason: Schema.NullOr(Schema.String),
  origin: Schema.String,
  externalUser: Schema.NullOr(Schema.String),
  upstreamId: Schema.NullOr(Schema.String),
  /** The workspace; older servers leave it out. */
  workspaceId: optional(Schema.NullOr(Schema.String))
}, generationWire)) {}

/**
 * `Generation` as the wire carries it: snake_case keys.
 *
 * @since 2.2.0
 */
export const GenerationFromWire = fromWire(Generation, generationWire)

/**
 * The 200 body of `GET /generation`.
 *
 * @since 2.2.0
 */
export const GenerationResponse = Schema.Struct({ data: GenerationFromWire })
