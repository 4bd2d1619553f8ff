import { Console, Effect, Layer, Schedule, Stream } from "effect"
import { ApiKeys, HttpLayer, Monitor, SpendGuard } from "openrouter-effect"

// Which key is this, and how much may it still spend? Works with any key.
export const whoAmI = Effect.gen(function*() {
  const key = yield* ApiKeys.getCurrentKey
  const left = key.limitRemaining === null ? "no limit" : `$${key.limitRemaining} of $${key.limit} left`
  yield* Console.log(`${key.label}: ${key.isManagementKey ? "management" : "ordinary"} key, ${left}`)
})

// Poll the key's limit every 10 minutes: one alert below $5, one when back at $10 or more. Outages are
// reported and the watch goes on; a revoked key (401) ends it.
export const alerts = Monitor.watchBalance({
  source: "key",
  schedule: Schedule.spaced("10 minutes"),
  low: 5,
  recover: 10
}).pipe(
  Stream.runForEach(Monitor.BalanceEvent.$match({
    Observed: (e) => Console.log(`watching: $${e.remaining} left`),
    Changed: () => Effect.void,
    Low: (e) => Console.log(`ALERT: only $${e.remaining} left (below $${e.threshold})`),
    Recovered: (e) => Console.log(`recovered: $${e.remaining} left`),
    Unavailable: (e) => Effect.logWarning(`balance unavailable: ${e.error.message}`)
  }))
)

// Refuse work when less than $0.50 is left: one read per 30 s however many fibers ask.
export const guarded = <A, E, R>(work: Effect.Effect<A, E, R>) => Effect.andThen(SpendGuard.require(0.5), work)

export const GuardLive = SpendGuard.layer({ source: "key", ttl: "30 seconds" })

export const main = Effect.andThen(whoAmI, guarded(Console.log("working"))).pipe(
  Effect.provide(GuardLive.pipe(Layer.provideMerge(HttpLayer.layerFromEnv)))
)
