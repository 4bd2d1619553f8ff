/**
 * The fast Node transport: `NodeHttpClient.layerUndici` from `@effect/platform-node`.
 * Import from `openrouter-effect/node`; `@effect/platform-node` is an optional peer dependency.
 *
 * `@effect/platform-node` 4 loads the npm `undici` (8) when the layer is built, not at import. Loaded, undici makes
 * its `Agent` the global dispatcher of Node's `fetch` if the process has not called `fetch` yet (it cannot be
 * undone cleanly). The layer itself uses an `Agent` of its own, made and closed with the layer.
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as Errors from "./Errors.js"
import { markOwn } from "./internal/deadline.js"
import { requireNode } from "./internal/runtime.js"
import * as OpenRouterConfig from "./OpenRouterConfig.js"

/**
 * The oldest Node.js {@link layer} runs on: the undici 8 that `@effect/platform-node` 4 loads needs it.
 *
 * @example
 * ```ts
 * import { NodeLayer } from "openrouter-effect/node"
 *
 * console.log(`undici needs Node.js ${NodeLayer.MINIMUM_NODE}`)
 * ```
 * @since 2.1.0
 * @category constants
 */
export const MINIMUM_NODE = "22.19.0"

/**
 * The undici transport, with a keep-alive connection pool: on Node, cheaper per call than `fetch`.
 * Like `HttpLayer.layer`, the per-attempt timeout aborts the request instead of racing it. On a Node.js older than
 * {@link MINIMUM_NODE} it fails when built, with `UnsupportedRuntimeError` (undici would die there); `HttpLayer.layer`
 * runs on any.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient, Errors.UnsupportedRuntimeError> = /* @__PURE__ */ Layer
  .provide(
    /* @__PURE__ */ Layer.effect(HttpClient.HttpClient, /* @__PURE__ */ Effect.map(HttpClient.HttpClient, markOwn)),
    /* @__PURE__ */ Layer.unwrap(
      /* @__PURE__ */ Effect.suspend(() =>
        Effect.as(requireNode("NodeLayer.layer", MINIMUM_NODE), NodeHttpClient.layerUndici)
      )
    )
  )

/**
 * The one-line setup on Node: settings from the environment (`OPENROUTER_API_KEY`, …) and the undici transport.
 *
 * @example
 * ```ts
 * import { Credits } from "openrouter-effect"
 * import { NodeLayer } from "openrouter-effect/node"
 * import { Effect } from "effect"
 *
 * const program = Credits.getCredits.pipe(Effect.provide(NodeLayer.layerFromEnv))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<
  OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient,
  Config.ConfigError | Errors.UnsupportedRuntimeError
> = /* @__PURE__ */ Layer.merge(OpenRouterConfig.layerConfig, layer)
