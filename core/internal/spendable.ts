/**
 * What a key can spend now, worked out from `GET /key` (and the balance, where the key may read it). Plain
 * TypeScript: the layers and their resets, no I/O.
 *
 * @internal
 */
import type * as keys from "./keySchemas.js"
import type { KeyBudget } from "./spendSchemas.js"

/**
 * The layer that bounds what a key can spend now.
 *
 * @internal
 */
export type Layer = "budget" | "keyLimit" | "account" | "unbounded"

/**
 * The answer to "what can this key spend right now".
 *
 * @internal
 */
export interface Spendable {
  /** US dollars that can be spent now (never below 0), or `null` when nothing bounds it. */
  readonly remaining: number | null
  /**
   * The layer that blocks first: a budget layer (`budget`, its scope in {@link scope}), the key's own limit
   * (`keyLimit`), the account's balance (`account`), or `unbounded`.
   */
  readonly layer: Layer
  /** The budget layer's scope (`member`, `workspace`, …); `key_limit` for the key's own limit; else `null`. */
  readonly scope: string | null
  /** The limit of the binding layer, in US dollars, or `null` (the account, or nothing). */
  readonly limit: number | null
  /** When the binding layer resets (midnight UTC; weeks start on Monday), or `null` if it does not. */
  readonly resetsAt: Date | null
  /** What the account has left, when the key may read it (a management key), else `undefined`. */
  readonly accountRemaining: number | undefined
  /** The key as `GET /key` described it. */
  readonly key: keys.CurrentKey
}

const DAY = 86_400_000

/**
 * When a limit that resets at `interval` resets next, after `nowMillis`: midnight UTC; weeks run Monday to Sunday.
 *
 * @internal
 */
export const nextReset = (interval: string | null, nowMillis: number): Date | null => {
  const now = new Date(nowMillis)
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  switch (interval) {
    case "daily":
      return new Date(midnight + DAY)
    case "weekly":
      return new Date(midnight + ((8 - now.getUTCDay()) % 7 || 7) * DAY)
    case "monthly":
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
    default:
      return null
  }
}

const positive = (usd: number) => Math.max(0, Math.round(usd * 1e6) / 1e6)

interface Candidate {
  readonly remaining: number
  readonly layer: Layer
  readonly scope: string | null
  readonly limit: number | null
  readonly resetsAt: Date | null
}

const fromBudget = (budget: KeyBudget): Candidate => ({
  remaining: positive(budget.remainingUsd),
  layer: budget.scope === "key_limit" ? "keyLimit" : "budget",
  scope: budget.scope,
  limit: budget.limitUsd,
  resetsAt: budget.resetsAt
})

/**
 * The layer that blocks first, of the key's budgets (or, from an older server without them, its own limit) and
 * the account's balance, when known. A spent layer wins; then the one with the least left.
 *
 * @internal
 */
export const spendableOf = (
  key: keys.CurrentKey,
  accountRemaining: number | undefined,
  nowMillis: number
): Spendable => {
  const candidates: Array<Candidate> = (key.budgets ?? []).map(fromBudget)
  if (key.effectiveBudget !== undefined && key.effectiveBudget !== null) {
    candidates.push(fromBudget(key.effectiveBudget))
  }
  if (!candidates.some((c) => c.layer === "keyLimit") && key.limit !== null && key.limitRemaining !== null) {
    candidates.push({
      remaining: positive(key.limitRemaining),
      layer: "keyLimit",
      scope: "key_limit",
      limit: key.limit,
      resetsAt: nextReset(key.limitReset, nowMillis)
    })
  }
  if (accountRemaining !== undefined) {
    candidates.push({
      remaining: positive(accountRemaining),
      layer: "account",
      scope: null,
      limit: null,
      resetsAt: null
    })
  }
  const binding = candidates.reduce<Candidate | undefined>(
    (least, c) => least === undefined || c.remaining < least.remaining ? c : least,
    undefined
  )
  return binding === undefined
    ? { remaining: null, layer: "unbounded", scope: null, limit: null, resetsAt: null, accountRemaining, key }
    : { ...binding, accountRemaining: accountRemaining === undefined ? undefined : positive(accountRemaining), key }
}
