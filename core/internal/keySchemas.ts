/**
 * The schemas of `GET /key`, in a module of their own so that a program that only reads the account balance
 * does not bundle them. Public through `Schemas`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { fromWire, optional, wireFields } from "./schemaKit.js"
import { FreeModelDailyRequests, KeyBudget, keyFields, keyWire } from "./spendSchemas.js"

/**
 * The deprecated `rate_limit` of `GET /key`: legacy, "safe to ignore" per OpenRouter.
 *
 * @since 0.3.0
 */
export const LegacyRateLimit = Schema.Struct({
  requests: Schema.Number,
  interval: Schema.String,
  note: Schema.String
})

const currentKeyWire = {
  ...keyWire,
  isFreeTier: "is_free_tier",
  isManagementKey: "is_management_key",
  isProvisioningKey: "is_provisioning_key",
  rateLimit: "rate_limit",
  effectiveBudget: "effective_budget",
  organizationId: "organization_id",
  workspaceId: "workspace_id",
  allowedDataRegions: "allowed_data_regions",
  freeModelDailyRequests: "free_model_daily_requests"
} as const

/**
 * The key that made the call, as `GET /key` describes it, in camelCase. Amounts are US dollars.
 *
 * @since 0.3.0
 */
export class CurrentKey extends Schema.Class<CurrentKey>("CurrentKey")(wireFields({
  ...keyFields,
  isFreeTier: Schema.Boolean,
  /** Whether the key is a management key: one that may call `GET /credits`. */
  isManagementKey: Schema.Boolean,
  /**
   * The former name of {@link CurrentKey.isManagementKey}.
   *
   * @deprecated Use `isManagementKey`.
   */
  isProvisioningKey: optional(Schema.Boolean),
  /**
   * Legacy rate limit information.
   *
   * @deprecated OpenRouter says this field is deprecated and safe to ignore.
   */
  rateLimit: optional(LegacyRateLimit),
  /** Every budget layer that applies to the key's requests; older servers leave it out. */
  budgets: optional(Schema.Array(KeyBudget)),
  /** The layer that blocks first (spent, or with the least left), or `null` when nothing is budgeted. */
  effectiveBudget: optional(Schema.NullOr(KeyBudget)),
  organizationId: optional(Schema.NullOr(Schema.String)),
  /** The key's workspace, or `null` when it was deleted. */
  workspaceId: optional(Schema.NullOr(Schema.String)),
  /** Where requests with the key may be processed: `global`, `europe`, `us`. */
  allowedDataRegions: optional(Schema.Array(Schema.String)),
  /** The account's free-model request quota for today. */
  freeModelDailyRequests: optional(FreeModelDailyRequests)
}, currentKeyWire)) {
  /** Whether the key has a spending limit. */
  get hasLimit(): boolean {
    return this.limit !== null
  }
}

/**
 * `CurrentKey` as the wire carries it: snake_case keys.
 *
 * @since 2.0.0
 */
export const CurrentKeyFromWire = fromWire(CurrentKey, currentKeyWire)

/**
 * The 200 body of `GET /key`.
 *
 * @since 0.3.0
 */
export const GetCurrentKeyResponse = Schema.Struct({ data: CurrentKeyFromWire })
