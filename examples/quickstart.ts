/**
 * `npm start`: the SDK at work. With OPENROUTER_API_KEY set it reads your real balance (honouring
 * OPENROUTER_BASE_URL); without it, it starts the embedded emulator on loopback and shows every feature.
 */
import { Cause, Console, Effect, Exit, Layer } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Schemas } from "openrouter-effect"
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

const realApi = showBalance.pipe(
  Effect.catchTag("ForbiddenResponseError", (e) => Console.error(e.message)),
  Effect.provide(HttpLayer.layerFromEnv)
)

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
}).pipe(Effect.scoped)

const program: Effect.Effect<void, unknown> = process.env["OPENROUTER_API_KEY"] ? realApi : emulated

Effect.runPromiseExit(program).then((exit) => {
  if (Exit.isFailure(exit)) {
    console.error(Cause.pretty(exit.cause))
    process.exitCode = 1
  }
})
