import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as ApiKeys from "../ApiKeys.js"
import * as Credits from "../Credits.js"
import type * as Errors from "../Errors.js"
import type { OpenRouterConfig } from "../OpenRouterConfig.js"

/**
 * What is left to spend, in US dollars, as `source` reports it: the account's `remaining` (`GET /credits`) or the
 * key's `limitRemaining` (`GET /key`), `null` when the key has no limit.
 *
 * @internal
 */
export const readRemaining = (
  source: Errors.CreditSource
): Effect.Effect<number | null, Errors.GetCreditsError, OpenRouterConfig | HttpClient.HttpClient> =>
  source === "account"
    ? Effect.map(Credits.getCredits, (balance) => balance.remaining)
    : Effect.map(ApiKeys.getCurrentKey, (key) => key.limitRemaining)
