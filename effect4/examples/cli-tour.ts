// `npm start`, second part: the `openrouter-effect` bin against the embedded emulator, with no key. Each command
// runs as a user types it, in this process; the emulator holds an account with a $10 weekly budget on the ordinary
// key, and some spend.
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Console, Effect, Layer } from "effect"
import * as Command from "effect/cli/Command"
import { HttpClient } from "effect/http"
import { fileURLToPath } from "node:url"
import { OpenRouterConfig } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { cli, withExitCode } from "../src/internal/cli/commands.js"
import { colourWanted, paint } from "../src/internal/cli/render.js"

const DAY = 86_400_000

export const tour = Effect.gen(function*() {
  const emulator = yield* OpenRouterTest.make({
    budgets: [{ scope: "member", limit: 10, reset: "weekly", keys: [OpenRouterTest.ordinaryKey] }]
  })
  const now = Date.now()
  yield* emulator.spend(OpenRouterTest.managementKey, 2.4, { model: "openai/gpt-4.1", at: new Date(now - 3 * DAY) })
  yield* emulator.spend(OpenRouterTest.managementKey, 0.9, {
    model: "anthropic/claude-sonnet-4",
    provider: "Anthropic",
    at: new Date(now - 2 * DAY)
  })
  yield* emulator.spend(OpenRouterTest.managementKey, 1.6, { model: "openai/gpt-4.1", at: new Date(now - DAY) })
  yield* emulator.spend(OpenRouterTest.ordinaryKey, 7.5)
  const look = { paint: paint(colourWanted(process.env, process.stdout.isTTY === true)) }
  const as = (apiKey: string) =>
    Layer.merge(
      OpenRouterConfig.layer({ apiKey, baseUrl: "http://openrouter.test/api/v1" }),
      Layer.succeed(HttpClient.HttpClient, OpenRouterTest.httpClient(emulator))
    )
  for (
    const [key, args] of [
      [OpenRouterTest.ordinaryKey, ["status"]],
      [OpenRouterTest.ordinaryKey, ["guard", "--min", "5"]],
      [OpenRouterTest.managementKey, ["balance"]],
      [OpenRouterTest.managementKey, ["activity"]],
      [OpenRouterTest.managementKey, ["keys", "list"]]
    ] as const
  ) {
    yield* Console.log(`\n$ openrouter-effect ${args.join(" ")}`)
    const code = yield* withExitCode(Command.runWith(cli(as(key), look), { version: "tour" })(args))
    if (code !== 0) yield* Console.log(`(exit code ${code})`)
  }
  yield* Console.log("\nAgainst your own account: export OPENROUTER_API_KEY=..., then npx openrouter-effect --help")
})

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Effect.runPromise(tour.pipe(Effect.provide(NodeServices.layer)))
}
