import { Effect, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { Credits, OpenRouterConfig } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"

// Your app's own client: a header for your own backends, redirects followed.
export const AppHttpClient = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) =>
    client.pipe(
      HttpClient.mapRequest(HttpClientRequest.setHeader("x-internal-token", "for our backends only")),
      HttpClient.followRedirects(5)
    ))
).pipe(Layer.provide(FetchHttpClient.layer))

// OpenRouter on a transport of its own: undici, none of the app's middleware; settings from OPENROUTER_API_KEY
// and OPENROUTER_BASE_URL (or OpenRouterConfig.layerClient({ apiKey, ... }) with settings in code).
export const OpenRouterLive = OpenRouterConfig.layerConfigClient.pipe(Layer.provide(NodeLayer.layer))

export const main = Credits.getCredits.pipe(Effect.provide(Layer.merge(AppHttpClient, OpenRouterLive)))
