import { Console, Effect } from "effect"
import { Activity, ApiKeys, Keys } from "openrouter-effect"

// What this key can spend right now, which layer binds it, and when that resets (any key).
export const spendableNow = Effect.gen(function*() {
  const now = yield* ApiKeys.spendable
  yield* Console.log(
    now.remaining === null
      ? "Nothing bounds this key."
      : `$${now.remaining} left (${now.scope ?? now.layer}), resets ${now.resetsAt?.toISOString() ?? "never"}`
  )
  return now
})

// One key per user of your app, with its own $5 weekly budget (management key). The key comes back once, as
// Redacted: store it with Redacted.value, never log it.
export const keyForUser = (userId: string) =>
  Keys.create({ name: `user ${userId}`, limit: 5, limitReset: "weekly", externalUser: userId })

// What the account spent over the last 30 days, and on which models (management key).
export const lastMonth = Effect.map(Activity.get(), (items) => ({
  spent: Activity.total(items).usage,
  topModels: Activity.totalBy(items, "model").slice(0, 3).map((model) => model.key)
}))
