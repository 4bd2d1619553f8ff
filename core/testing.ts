/**
 * `openrouter-effect/testing`: test layers and an embedded emulator of the Credits API.
 * Kept out of the main entry so it never lands in a production bundle.
 *
 * @since 0.1.0
 */

/**
 * The emulator in memory: `layer`, fault scripting, recorded requests.
 *
 * @since 0.1.0
 */
export * as OpenRouterTest from "./OpenRouterTest.js"

/**
 * The emulator behind a real `node:http` server on loopback.
 *
 * @since 0.1.0
 */
export * as OpenRouterEmulator from "./OpenRouterEmulator.js"
