/**
 * Transports: the `HttpClient` layer the operations run on.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { markOwn } from "./internal/deadline.js"
import { type ConfigFailure, updateContext } from "./internal/effectKit.js"
import { sdkRequestInit } from "./internal/execute.js"
import { FetchHttpClient, HttpClient } from "./internal/httpKit.js"
import * as OpenRouterConfig from "./OpenRouterConfig.js"

/** The same `fetch` client, for the SDK's requests only: redirects are answers, never followed. */
const forTheSdk = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.transformResponse(
    client,
    (effect) =>
      updateContext(
        effect,
        (context) => Context.add(context, FetchHttpClient.RequestInit, sdkRequestInit(context))
      )
  )

/**
 * The default transport: `FetchHttpClient` from the HTTP modules of Effect (`@effect/platform` for Effect 3, `effect/http` for Effect 4) (the platform's global `fetch`), as it is:
 * provided app-wide, the app's own requests behave as on `FetchHttpClient.layer` (redirects followed). The SDK's
 * requests, and only they, are sent with `redirect: "manual"`.
 *
 * The per-attempt timeout aborts the request through its `AbortSignal`, on the calling fiber. A
 * `FetchHttpClient.Fetch` of your own must honour `init.signal`. Any other `HttpClient` you provide
 * gets the timeout as a race instead, which holds whatever the transport does, at some CPU per call.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = /* @__PURE__ */ Layer.provide(
  /* @__PURE__ */ Layer.effect(
    HttpClient.HttpClient,
    /* @__PURE__ */ Effect.map(HttpClient.HttpClient, (client) => markOwn(client, forTheSdk(client)))
  ),
  FetchHttpClient.layer
)

/**
 * The one-line setup: settings from the environment (`OPENROUTER_API_KEY`, …) and the default transport.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const program = Credits.getCredits.pipe(Effect.provide(HttpLayer.layerFromEnv))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<
  OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient,
  ConfigFailure
> = /* @__PURE__ */ Layer.merge(OpenRouterConfig.layerConfig, layer)
