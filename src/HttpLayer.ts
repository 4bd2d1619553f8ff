/**
 * Transports: the `HttpClient` layer the operations run on.
 *
 * @since 0.1.0
 */
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import type { ConfigError } from "effect"
import { Layer } from "effect"
import * as OpenRouterConfig from "./OpenRouterConfig.js"

/**
 * The default transport: `FetchHttpClient` from `@effect/platform` (the platform's global `fetch`).
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer

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
 */
export const layerFromEnv: Layer.Layer<
  OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient,
  ConfigError.ConfigError
> = Layer.merge(OpenRouterConfig.layerConfig, layer)
