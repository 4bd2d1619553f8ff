import { Effect, Schedule } from "effect"
import { Credits, Errors, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"

// Only 429s, up to 5 times, waiting what the server asks (or 1 s when it does not say).
export const onlyRateLimits = Retry.withServerHints(Schedule.spaced("1 second")).pipe(
  Schedule.upTo({ times: 5 }),
  Schedule.while(({ input }) => input._tag === "TooManyRequestsResponseError")
)

// 1. Global: every call made with this config.
export const ConfigLive = OpenRouterConfig.layer({
  apiKey: process.env["OPENROUTER_API_KEY"] ?? "",
  retry: onlyRateLimits
})

// 2. Per call (or around any effect): wins over the global schedule.
export const once = Credits.getCredits.pipe(Retry.withSchedule(Retry.none))

// 3. Outside: retries off inside, so your own Effect.retry sees every attempt's typed error.
export const yourOwn = Credits.getCredits.pipe(
  Retry.withSchedule(Retry.none),
  Effect.retry({ times: 3, while: Errors.isServerError })
)

export const main = yourOwn.pipe(Effect.provide(HttpLayer.layer), Effect.provide(ConfigLive))
