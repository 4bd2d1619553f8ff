// (4) and (5): this SDK, on FetchHttpClient or on undici (openrouter-effect/node).
import { Layer, ManagedRuntime } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"

export const make = (base, key, transport) => {
  const runtime = ManagedRuntime.make(Layer.merge(
    OpenRouterConfig.layer({ apiKey: key, baseUrl: base, retry: Retry.defaultSchedule }),
    transport === "undici" ? NodeLayer.layer : HttpLayer.layer
  ))
  const get = Credits.getCredits
  const post = Credits.createCoinbaseCharge(
    { bearer: key },
    { amount: 10, sender: "0x1234567890123456789012345678901234567890", chainId: 8453 }
  )
  return {
    get: () => runtime.runPromise(get).then((balance) => balance.remaining),
    post: () => runtime.runPromise(post).then((charge) => charge.id)
  }
}
