// (7) and (8): the Effect 4 edition (its dist/), on FetchHttpClient or on undici (openrouter-effect/node), through
// its own layers; (7a) and (8a), in `npm run bench:quick`: on the platform's layers provided directly.
import { NodeHttpClient } from "@effect/platform-node"
import { Layer, ManagedRuntime } from "effect"
import { FetchHttpClient } from "effect/http"

// BENCH_SDK_DIST: the dist/ of another build, so that `npm run bench:quick` can compare two builds in one run.
const dist = process.env.BENCH_SDK_DIST
const { Credits, HttpLayer, OpenRouterConfig, Retry } = await import(dist ? `${dist}/index.js` : "openrouter-effect")
const { NodeLayer } = await import(dist ? `${dist}/node.js` : "openrouter-effect/node")

const transports = {
  fetch: HttpLayer.layer,
  undici: NodeLayer.layer,
  // the platform's layers provided directly, as an app does: the deadline then holds for a deaf client too
  "app-fetch": FetchHttpClient.layer,
  "app-undici": NodeHttpClient.layerUndici
}

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
