/**
 * `npm start`: the SDK at work. With OPENROUTER_API_KEY set it reads your real balance (honouring
 * OPENROUTER_BASE_URL); without it, it starts the embedded emulator on loopback and shows every feature.
 */
import { Cause, Console, Effect, Exit, Layer, Schedule, Stream } from "effect"
import { ApiKeys, Credits, HttpLayer, Monitor, OpenRouterConfig, Schemas, SpendGuard } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"

const money = (n: number) => `$${n.toFixed(2)}`

const showBalance = Effect.gen(function*() {
  const balance = yield* Credits.getCredits
  yield* Console.log(
    `Balance:    ${money(balance.totalCredits)} bought, ${money(balance.totalUsage)} used, ${
      money(balance.remaining)
    } remaining`
  )
})

const showKey = Effect.gen(function*() {
  const key = yield* ApiKeys.getCurrentKey
  yield* Console.log(
    `Key:        ${key.label}, ${key.isManagementKey ? "a management key" : "an ordinary key"}, ${
      key.limitRemaining === null
        ? "no spending limit"
        : `${money(key.limitRemaining)} of ${money(key.limit ?? 0)} left`
    }`
  )
})

const realApi = Effect.andThen(
  showKey,
  showBalance.pipe(Effect.catchTag("ForbiddenResponseError", (e) => Console.error(e.message)))
).pipe(Effect.provide(HttpLayer.layerFromEnv))

const describeEvent = Monitor.BalanceEvent.$match({
  Observed: (e) => `watching:   ${money(e.remaining ?? 0)} left`,
  Changed: (e) => `changed:    ${money(e.previous ?? 0)} -> ${money(e.remaining ?? 0)}`,
  Low: (e) => `ALERT:      only ${money(e.remaining)} left, below ${money(e.threshold)}`,
  Recovered: (e) => `recovered:  ${money(e.remaining)} left, back above ${money(e.threshold)}`,
  Unavailable: (e) => `unavailable: ${e.error.message}`
})

const emulated = Effect.gen(function*() {
  const { emulator, url } = yield* OpenRouterEmulator.serve()
  yield* Console.log(`No OPENROUTER_API_KEY set: running against the embedded OpenRouter emulator at ${url}\n`)
  const connect = (apiKey: string) =>
    Layer.merge(
      OpenRouterConfig.layer({ apiKey, baseUrl: url, appTitle: "openrouter-effect quickstart" }),
      HttpLayer.layer
    )

  yield* showBalance.pipe(Effect.provide(connect(OpenRouterTest.managementKey)))

  const charge = yield* Credits.createCoinbaseCharge(
    { bearer: OpenRouterTest.ordinaryKey },
    { amount: 25, sender: "0x1234567890123456789012345678901234567890", chainId: Schemas.Chain.Base }
  ).pipe(Effect.provide(connect(OpenRouterTest.managementKey)))
  const { callData, metadata } = charge.web3Data.transferIntent
  yield* Console.log(
    `Charge:     ${charge.id} on chain ${metadata.chainId}, pay ${callData.recipientAmount} units of ${callData.recipientCurrency} before ${charge.expiresAt}`
  )

  yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(1))
  const before = emulator.requests.length
  const retried = yield* Credits.getCredits.pipe(Effect.provide(connect(OpenRouterTest.managementKey)))
  yield* Console.log(
    `Retry:      the first call got 429 with Retry-After: 1; retried after 1s, ${
      emulator.requests.length - before
    } requests in all, ${money(retried.remaining)} remaining`
  )

  yield* Credits.getCredits.pipe(
    Effect.flatMap(() => Console.log("Forbidden: unexpectedly allowed")),
    Effect.catchTag(
      "ForbiddenResponseError",
      (e) => Console.log(`Forbidden:  an ordinary key on /credits was refused.\n            ${e.message}`)
    ),
    Effect.provide(connect(OpenRouterTest.ordinaryKey))
  )

  const ordinary = connect(OpenRouterTest.ordinaryKey)
  yield* showKey.pipe(Effect.provide(ordinary))

  // The emulated key spends a little more after each reading the watch reports: one alert below $20, one when
  // back above $40.
  yield* Console.log("Watch:      the key's limit, polled every 150 ms, alert below $20, recovered at $40")
  const usages = [50, 70, 85, 88, 90, 70, 55]
  const spend = (event: Monitor.BalanceEvent) =>
    event._tag === "Observed" || event._tag === "Changed"
      ? emulator.setKeyLimit({ limit: 100, usage: usages.shift() ?? 55 })
      : Effect.void
  yield* Monitor.watchBalance({ source: "key", schedule: Schedule.spaced("150 millis"), low: 20, recover: 40 }).pipe(
    Stream.tap(spend),
    Stream.takeUntil(Monitor.BalanceEvent.$is("Recovered")),
    Stream.runForEach((event) => Console.log(`            ${describeEvent(event)}`)),
    Effect.provide(ordinary)
  )

  yield* emulator.setKeyLimit({ limit: 100, usage: 99.6 })
  yield* SpendGuard.require(0.5).pipe(
    Effect.flatMap(() => Console.log("Guard:      unexpectedly allowed")),
    Effect.catchTag("InsufficientCreditsError", (e) => Console.log(`Guard:      ${e.message}`)),
    Effect.provide(SpendGuard.layer({ source: "key" }).pipe(Layer.provide(ordinary)))
  )
}).pipe(Effect.scoped)

const program: Effect.Effect<void, unknown> = process.env["OPENROUTER_API_KEY"] ? realApi : emulated

Effect.runPromiseExit(program).then((exit) => {
  if (Exit.isFailure(exit)) {
    console.error(Cause.pretty(exit.cause))
    process.exitCode = 1
  }
})
