// (3) The Effect floor: a bare @effect/platform HttpClient.get + schemaBodyJson on FetchHttpClient.
import { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, ManagedRuntime, Schema } from "effect"

const Credits = Schema.Struct({
  data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number })
})

export const make = (base, key) => {
  const runtime = ManagedRuntime.make(FetchHttpClient.layer)
  const get = HttpClient.get(`${base}/credits`, { headers: { authorization: `Bearer ${key}` } }).pipe(
    Effect.flatMap(HttpClientResponse.schemaBodyJson(Credits)),
    Effect.map((body) => body.data.total_credits - body.data.total_usage)
  )
  return { get: () => runtime.runPromise(get) }
}
