/**
 * What each command of the `openrouter-effect` bin prints with `--json`, as schemas: the JSON is encoded with them,
 * and `npm run build` writes each as a JSON Schema into `dist/schemas/` (`scripts/cli-schemas.ts`).
 *
 * @internal
 */
import * as Schema from "effect/Schema"

/**
 * The version of every JSON output; it changes only when a field is removed or changes meaning.
 *
 * @internal
 */
export const SCHEMA_VERSION = 1

const versioned = <Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.Struct({ schemaVersion: Schema.Literal(SCHEMA_VERSION), ...fields })

const Money = Schema.Finite.annotate({ description: "US dollars" })
const Instant = Schema.NullOr(Schema.String).annotate({ description: "an ISO 8601 UTC time, or null" })

const Spendable = Schema.Struct({
  remaining: Schema.NullOr(Money),
  layer: Schema.Literals(["budget", "keyLimit", "account", "unbounded"]),
  scope: Schema.NullOr(Schema.String),
  limit: Schema.NullOr(Money),
  resetsAt: Instant
})

const Quota = Schema.Struct({ used: Schema.Int, limit: Schema.Int, remaining: Schema.Int })

/**
 * `status`: what the key can spend now and what it spent.
 *
 * @internal
 */
export const Status = versioned({
  spendable: Spendable,
  key: Schema.Struct({
    label: Schema.String,
    management: Schema.Boolean,
    spent: Schema.Struct({ day: Money, week: Money, month: Money, total: Money })
  }),
  freeModelDailyRequests: Schema.NullOr(Quota),
  account: Schema.NullOr(Schema.Struct({ remaining: Money }))
})

/**
 * `balance`: the account's credits.
 *
 * @internal
 */
export const Balance = versioned({ totalCredits: Money, totalUsage: Money, remaining: Money })

const Budget = Schema.Struct({
  scope: Schema.String,
  limit: Money,
  spent: Money,
  remaining: Money,
  resetInterval: Schema.NullOr(Schema.String),
  resetsAt: Instant
})

/**
 * `key`: the key in use.
 *
 * @internal
 */
export const Key = versioned({
  label: Schema.String,
  management: Schema.Boolean,
  limit: Schema.NullOr(Money),
  limitRemaining: Schema.NullOr(Money),
  limitReset: Schema.NullOr(Schema.String),
  spent: Schema.Struct({ day: Money, week: Money, month: Money, total: Money }),
  budgets: Schema.Array(Budget),
  expiresAt: Instant
})

const ListedKey = Schema.Struct({
  hash: Schema.String,
  name: Schema.String,
  label: Schema.String,
  disabled: Schema.Boolean,
  limit: Schema.NullOr(Money),
  limitRemaining: Schema.NullOr(Money),
  limitReset: Schema.NullOr(Schema.String),
  spentThisMonth: Money
})

/**
 * `keys list`.
 *
 * @internal
 */
export const KeyList = versioned({ keys: Schema.Array(ListedKey) })

/**
 * `keys create`: the new key, shown this once.
 *
 * @internal
 */
export const CreatedKey = versioned({ key: Schema.String, created: ListedKey })

/**
 * `keys update`.
 *
 * @internal
 */
export const UpdatedKey = versioned({ updated: ListedKey })

/**
 * `keys remove`.
 *
 * @internal
 */
export const RemovedKey = versioned({ removed: Schema.String })

const Total = Schema.Struct({ key: Schema.String, usage: Money, requests: Schema.Int })

/**
 * `activity`: the last 30 completed days.
 *
 * @internal
 */
export const ActivityReport = versioned({
  total: Money,
  requests: Schema.Int,
  days: Schema.Array(Total),
  models: Schema.Array(Total),
  providers: Schema.Array(Total)
})

/**
 * `generation <id>`.
 *
 * @internal
 */
export const GenerationReport = versioned({
  id: Schema.String,
  model: Schema.String,
  provider: Schema.NullOr(Schema.String),
  totalCost: Money,
  upstreamInferenceCost: Schema.NullOr(Money),
  cacheDiscount: Schema.NullOr(Money),
  byok: Schema.Boolean,
  promptTokens: Schema.NullOr(Schema.Int),
  completionTokens: Schema.NullOr(Schema.Int),
  createdAt: Schema.String
})

/**
 * `guard`: whether enough is left.
 *
 * @internal
 */
export const GuardReport = versioned({
  ok: Schema.Boolean,
  minimum: Money,
  spendable: Spendable
})

/**
 * `watch --json`: one line per event.
 *
 * @internal
 */
export const WatchEvent = versioned({
  event: Schema.Literals(["first-reading", "changed", "low", "recovered", "unavailable"]),
  at: Schema.String,
  remaining: Schema.NullOr(Money),
  previous: Schema.NullOr(Money),
  threshold: Schema.NullOr(Money),
  scope: Schema.NullOr(Schema.String),
  resetsAt: Instant,
  error: Schema.NullOr(Schema.String)
})

/**
 * `emulator`: where it listens and its keys.
 *
 * @internal
 */
export const EmulatorReport = versioned({
  baseUrl: Schema.String,
  managementKey: Schema.String,
  ordinaryKey: Schema.String
})

/**
 * Every output, by the name of its JSON Schema file.
 *
 * @internal
 */
export const outputs = {
  status: Status,
  balance: Balance,
  key: Key,
  "keys-list": KeyList,
  "keys-create": CreatedKey,
  "keys-update": UpdatedKey,
  "keys-remove": RemovedKey,
  activity: ActivityReport,
  generation: GenerationReport,
  guard: GuardReport,
  watch: WatchEvent,
  emulator: EmulatorReport
} as const
