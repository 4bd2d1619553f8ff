import { expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { Credits, OpenRouterConfig } from "openrouter-effect"

// An HttpClient that answers from memory: no network, no key.
const FakeOpenRouter = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(
      request,
      Response.json({ data: { total_credits: 20, total_usage: 5 } })
    ))
  )
)

it.effect("reads the balance from a swapped-in transport", () =>
  Effect.gen(function*() {
    const balance = yield* Credits.getCredits
    expect(balance.remaining).toBe(15)
  }).pipe(Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: "sk-or-v1-test" }), FakeOpenRouter))))
