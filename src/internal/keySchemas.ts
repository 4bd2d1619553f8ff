/**
 * The schemas of `GET /key`, in a module of their own so that a program that only reads the account balance
 * does not bundle them. Public through `Schemas`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

const usd = Schema.Finite
const field = <S extends Schema.Schema.Any>(schema: S, key: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

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

/**
 * The key that made the call, as `GET /key` describes it, in camelCase. Amounts are US dollars.
 *
 * @since 0.3.0
 */
export class CurrentKey extends Schema.Class<CurrentKey>("CurrentKey")({
  /** Human-readable label of the key (OpenRouter shows a shortened key here). */
  label: Schema.String,
  /** The key's spending limit, or `null` when it has none. */
  limit: Schema.NullOr(usd),
  /** What is left of the spending limit, or `null` when the key has no limit. */
  limitRemaining: field(Schema.NullOr(usd), "limit_remaining"),
  /** How the limit resets (`"monthly"`, …), or `null`. */
  limitReset: field(Schema.NullOr(Schema.String), "limit_reset"),
  /** Total OpenRouter credit used by the key. */
  usage: usd,
  usageDaily: field(usd, "usage_daily"),
  usageWeekly: field(usd, "usage_weekly"),
  usageMonthly: field(usd, "usage_monthly"),
  /** External (bring-your-own-key) usage. */
  byokUsage: field(usd, "byok_usage"),
  byokUsageDaily: field(usd, "byok_usage_daily"),
  byokUsageWeekly: field(usd, "byok_usage_weekly"),
  byokUsageMonthly: field(usd, "byok_usage_monthly"),
  /** Whether BYOK usage counts against the limit. */
  includeByokInLimit: field(Schema.Boolean, "include_byok_in_limit"),
  isFreeTier: field(Schema.Boolean, "is_free_tier"),
  /** Whether the key is a management key: one that may call `GET /credits`. */
  isManagementKey: field(Schema.Boolean, "is_management_key"),
  /**
   * The former name of {@link CurrentKey.isManagementKey}.
   *
   * @deprecated Use `isManagementKey`.
   */
  isProvisioningKey: Schema.optionalWith(Schema.Boolean, { exact: true }).pipe(Schema.fromKey("is_provisioning_key")),
  /** When the key expires, or `null` if it does not (also when the server leaves the field out, as it may). */
  expiresAt: Schema.optionalWith(Schema.NullOr(Schema.DateFromString), { default: () => null }).pipe(
    Schema.fromKey("expires_at")
  ),
  /** Who created the key, or `null`. */
  creatorUserId: field(Schema.NullOr(Schema.String), "creator_user_id"),
  /**
   * Legacy rate limit information.
   *
   * @deprecated OpenRouter says this field is deprecated and safe to ignore.
   */
  rateLimit: Schema.optionalWith(LegacyRateLimit, { exact: true }).pipe(Schema.fromKey("rate_limit"))
}) {
  /** Whether the key has a spending limit. */
  get hasLimit(): boolean {
    return this.limit !== null
  }
}

/**
 * The 200 body of `GET /key`.
 *
 * @since 0.3.0
 */
export const GetCurrentKeyResponse = Schema.Struct({ data: CurrentKey })
