import * as Effect from "effect/Effect"
import * as ApiKeys from "../ApiKeys.js"
import * as Credits from "../Credits.js"
import * as Errors from "../Errors.js"
import type { OpenRouterConfig } from "../OpenRouterConfig.js"
import type { HttpClient } from "./httpKit.js"

/**
 * What is left to spend, in US dollars, and where it was read.
 *
 * @internal
 */
export interface Remaining {
  readonly remaining: number
  /** Where the figure comes from: the account's balance, or what bounds the key (a budget, its own limit). */
  readonly source: Errors.CreditSource
  /** The binding layer, as `ApiKeys.spendable` names it. */
  readonly layer: ApiKeys.SpendableLayer
  /** The binding layer's scope (`key_limit`, `member`, `workspace`, …), or `null` for the account. */
  readonly scope: string | null
  /** The binding layer's limit in US dollars, or `null` (the account's balance has none). */
  readonly limit: number | null
  /** When the binding layer resets, or `null`. */
  readonly resetsAt: Date | null
}

/**
 * What reading what is left can fail with.
 *
 * @internal
 */
export type ReadError = Errors.GetCreditsError | Errors.NoSpendingLimitError

const ofAccount = Effect.map(Credits.getCredits, (balance): Remaining => ({
  remaining: balance.remaining,
  source: "account",
  layer: "account",
  scope: null,
  limit: null,
  resetsAt: null
}))

/**
 * What is left to spend, as `source` reports it. `"account"`: the account's balance (`GET /credits`, a management
 * key). `"key"`: what bounds the key in use, as `ApiKeys.spendable` answers it: the layer that blocks first of its
 * budgets, its own limit and, for a management key, which may read the account, the account's balance. A key that
 * nothing it may read bounds fails with `NoSpendingLimitError`: a guard must not pass on what it cannot see.
 *
 * @internal
 */
export const readRemaining = (
  source: Errors.CreditSource
): Effect.Effect<Remaining, ReadError, OpenRouterConfig | HttpClient.HttpClient> =>
  source === "account" ? ofAccount : Effect.flatMap(ApiKeys.spendable, (now) =>
    now.remaining === null
      ? Effect.fail(new Errors.NoSpendingLimitError({ label: now.key.label }))
      : Effect.succeed<Remaining>({
        remaining: now.remaining,
        source: now.layer === "account" ? "account" : "key",
        layer: now.layer,
        scope: now.scope,
        limit: now.limit,
        resetsAt: now.resetsAt
      }))
