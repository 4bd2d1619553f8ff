// (3) The Effect floor: a bare @effect/platform HttpClient.get + schemaBodyJson on FetchHttpClient
// (or, as "floor-undici", on NodeHttpClient.layerUndici: the floor of this SDK's undici transport).
import { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, ManagedRuntime, Schema } from "effect"

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
