/**
 * `openrouter-effect/node`: the undici transport from `@effect/platform-node`.
 *
 * @since 0.1.0
 */

/**
 * The undici transport and the one-line setup on Node.
 *
 * @since 0.1.0
 */
export * as NodeLayer from "./NodeLayer.js"
