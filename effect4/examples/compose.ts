import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { Credits, Errors, HttpLayer, Schemas } from "openrouter-effect"

const program = Effect.gen(function*() {
  const balance = yield* Credits.getCredits
  yield* Console.log(`Used ${balance.totalUsage} of ${balance.totalCredits} credits; ${balance.remaining} left`)

  if (balance.remaining < 10) {
    const charge = yield* Credits.createCoinbaseCharge(
      { bearer: process.env["OPENROUTER_BEARER"] ?? "" },
      { amount: 50, sender: "0x1234567890123456789012345678901234567890", chainId: Schemas.Chain.Base }
    )
    yield* Console.log(`Pay charge ${charge.id} before ${charge.expiresAt}`)
  }
}).pipe(
  Effect.catchTags({
    ForbiddenResponseError: (e) => Console.error(e.message), // an ordinary key: /credits needs a management key
    GoneResponseError: () => Console.error("Coinbase charges were removed: buy credits on the website"),
    TooManyRequestsResponseError: (e) =>
      Console.error(`Rate limited; come back in ${e.retryAfter ? Errors.formatDuration(e.retryAfter) : "a while"}`)
  })
)

NodeRuntime.runMain(program.pipe(Effect.provide(HttpLayer.layerFromEnv)))
