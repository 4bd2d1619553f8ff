// (7) and (8): the Effect 4 edition (its dist/), on FetchHttpClient or on undici (openrouter-effect/node), through
// its own layers. Run by the root's `npm run bench`.
import { Layer, ManagedRuntime } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"

const transports = { fetch: HttpLayer.layer, undici: NodeLayer.layer }

export const make = (base, key, transport) => {
  const runtime = ManagedRuntime.make(Layer.merge(
    OpenRouterConfig.layer({ apiKey: key, baseUrl: base, retry: Retry.defaultSchedule }),
    transports[transport]
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
