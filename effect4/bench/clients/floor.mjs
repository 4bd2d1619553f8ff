// (6) The Effect 4 floor: a bare HttpClient.get + schemaBodyJson from `effect/http` on FetchHttpClient (or, as
// "floor4-undici", on @effect/platform-node 4's NodeHttpClient.layerUndici). Run by the root's `npm run bench`.
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, ManagedRuntime, Schema } from "effect"
import { FetchHttpClient, HttpClient, HttpClientResponse } from "effect/http"

const Credits = Schema.Struct({
  data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number })
})

export const make = (base, key, transport = "fetch") => {
  const runtime = ManagedRuntime.make(transport === "undici" ? NodeHttpClient.layerUndici : FetchHttpClient.layer)
  const get = HttpClient.get(`${base}/credits`, { headers: { authorization: `Bearer ${key}` } }).pipe(
    Effect.flatMap(HttpClientResponse.schemaBodyJson(Credits)),
    Effect.map((body) => body.data.total_credits - body.data.total_usage)
  )
  return { get: () => runtime.runPromise(get) }
}
