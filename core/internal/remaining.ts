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
  /** Where the figure comes from: the account's balance, or the key's own spending limit. */
  readonly source: Errors.CreditSource
}

/**
 * What reading what is left can fail with.
 *
 * @internal
 */
export type ReadError = Errors.GetCreditsError | Errors.NoSpendingLimitError

const ofAccount = Effect.map(Credits.getCredits, (balance): Remaining => ({
  remaining: balance.remaining,
  source: "account"
}))

/**
 * What is left to spend, as `source` reports it. `"account"`: the account's balance (`GET /credits`, a management
 * key). `"key"`: what bounds the key in use: its own limit (`GET /key`), and for a management key, which may read
 * the account, the account's balance too, whichever is less. An ordinary key without a limit fails with
 * `NoSpendingLimitError`: nothing it may read bounds it, and a guard must not pass on what it cannot see.
 *
 * @internal
 */
export const readRemaining = (
  source: Errors.CreditSource
): Effect.Effect<Remaining, ReadError, OpenRouterConfig | HttpClient.HttpClient> =>
  source === "account" ? ofAccount : Effect.flatMap(ApiKeys.getCurrentKey, (key): Effect.Effect<
    Remaining,
    ReadError,
    OpenRouterConfig | HttpClient.HttpClient
  > => {
    const own = key.limitRemaining
    if (key.isManagementKey) {
      return Effect.map(
        ofAccount,
        (account) => own !== null && own < account.remaining ? { remaining: own, source: "key" } : account
      )
    }
    return own === null
      ? Effect.fail(new Errors.NoSpendingLimitError({ label: key.label }))
      : Effect.succeed({ remaining: own, source: "key" })
  })
