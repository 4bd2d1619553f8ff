/**
 * What the account spent, day by day, model by model, over the last 30 completed UTC days (`GET /activity`, a
 * **management key**), with helpers that total it by day, model or provider.
 *
 * @since 2.2.0
 */
import * as Effect from "effect/Effect"
import { decoder } from "./internal/effectKit.js"
import type { HttpClient } from "./internal/httpKit.js"
import { absentOr, call, checked, isText, type OperationError } from "./internal/operations.js"
import { statusError } from "./internal/response.js"
import * as spend from "./internal/spendSchemas.js"
import type { OpenRouterConfig } from "./OpenRouterConfig.js"
import type * as Schemas from "./Schemas.js"

/**
 * Which activity {@link get} returns. By default: every day of the last 30, across workspaces.
 *
 * @since 2.2.0
 * @category models
 */
export interface Options {
  /** One UTC day of the last 30, `YYYY-MM-DD`. */
  readonly date?: string | undefined
  /** Only the requests of this key (its hash, as `Keys.list` gives it). */
  readonly apiKeyHash?: string | undefined
  /** Only this organization member's requests. */
  readonly userId?: string | undefined
  /** Only this workspace's requests. */
  readonly workspaceId?: string | undefined
  /** `"workspace"`: one row per workspace, each with its `workspaceId`. */
  readonly groupBy?: "workspace" | undefined
}

/**
 * Everything {@link get} can fail with.
 *
 * @since 2.2.0
 * @category models
 */
export type ActivityError = OperationError

const activityOperation = {
  name: "getActivity",
  method: "GET",
  path: "/activity",
  decode: decoder(spend.ActivityResponse, (body) => body.data),
  statusError
} as const

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))

/**
 * The activity of the last 30 completed UTC days: `GET /activity`.
 *
 * @example
 * ```ts
 * import { Activity } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const byModel = Activity.get().pipe(Effect.map((items) => Activity.totalBy(items, "model")))
 * ```
 * @since 2.2.0
 * @category operations
 */
export const get = (
  options: Options = {}
): Effect.Effect<ReadonlyArray<Schemas.ActivityItem>, ActivityError, OpenRouterConfig | HttpClient.HttpClient> =>
  Effect.andThen(
    checked("getActivity", [
      ["date", "a UTC day of the last 30, YYYY-MM-DD", () => absentOr(options.date, isDay)],
      ["apiKeyHash", "a key's hash", () => absentOr(options.apiKeyHash, isText(128))],
      ["userId", "a user id", () => absentOr(options.userId, isText(256))],
      ["workspaceId", "a workspace id", () => absentOr(options.workspaceId, isText(128))],
      ["groupBy", "\"workspace\"", () => absentOr(options.groupBy, (g) => g === "workspace")]
    ]),
    Effect.suspend(() =>
      call(activityOperation, {
        target: {
          query: {
            date: options.date,
            api_key_hash: options.apiKeyHash,
            user_id: options.userId,
            workspace_id: options.workspaceId,
            group_by: options.groupBy
          }
        }
      })
    )
  )

/**
 * What a group of activity rows adds up to. Amounts are US dollars.
 *
 * @since 2.2.0
 * @category models
 */
export interface Total {
  /** The day, model or provider the rows share (`"all"` for {@link total}). */
  readonly key: string
  /** OpenRouter credits spent. */
  readonly usage: number
  /** BYOK inference cost. */
  readonly byokUsage: number
  readonly requests: number
  readonly promptTokens: number
  readonly completionTokens: number
  readonly reasoningTokens: number
  readonly cachedTokens: number
}

const empty = (key: string): Total => ({
  key,
  usage: 0,
  byokUsage: 0,
  requests: 0,
  promptTokens: 0,
  completionTokens: 0,
  reasoningTokens: 0,
  cachedTokens: 0
})

const add = (total: Total, item: Schemas.ActivityItem): Total => ({
  key: total.key,
  usage: total.usage + item.usage,
  byokUsage: total.byokUsage + item.byokUsageInference,
  requests: total.requests + item.requests,
  promptTokens: total.promptTokens + item.promptTokens,
  completionTokens: total.completionTokens + item.completionTokens,
  reasoningTokens: total.reasoningTokens + item.reasoningTokens,
  cachedTokens: total.cachedTokens + (item.cachedTokens ?? 0)
})

/** Sums kept in whole millionths of a dollar, so that totals do not pick up floating-point dust. */
const rounded = (total: Total): Total => ({
  ...total,
  usage: Math.round(total.usage * 1e6) / 1e6,
  byokUsage: Math.round(total.byokUsage * 1e6) / 1e6
})

/**
 * Every row added up.
 *
 * @example
 * ```ts
 * import { Activity } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const spent = Activity.get().pipe(Effect.map((items) => Activity.total(items).usage))
 * ```
 * @since 2.2.0
 * @category totals
 */
export const total = (items: ReadonlyArray<Schemas.ActivityItem>): Total => rounded(items.reduce(add, empty("all")))

/**
 * The rows added up per day (oldest first), per model or per provider (most spent first, then by name).
 *
 * @example
 * ```ts
 * import { Activity } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const topProviders = Activity.get().pipe(Effect.map((items) => Activity.totalBy(items, "provider").slice(0, 3)))
 * ```
 * @since 2.2.0
 * @category totals
 */
export const totalBy = (
  items: ReadonlyArray<Schemas.ActivityItem>,
  by: "day" | "model" | "provider"
): ReadonlyArray<Total> => {
  const groups = new Map<string, Total>()
  for (const item of items) {
    const key = by === "day" ? item.date : by === "model" ? item.model : item.providerName
    groups.set(key, add(groups.get(key) ?? empty(key), item))
  }
  const totals = [...groups.values()].map(rounded)
  return by === "day"
    ? totals.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    : totals.sort((a, b) => b.usage - a.usage || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
