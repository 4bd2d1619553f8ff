/**
 * openrouter-effect: an Effect-native client for OpenRouter's Credits API.
 *
 * @since 0.1.0
 */

/**
 * The operations: `getCredits` and `createCoinbaseCharge`.
 *
 * @since 0.1.0
 */
export * as Credits from "./Credits.js"

/**
 * Tagged errors of every failure, their unions and a type guard.
 *
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"

/**
 * Transports: the default `HttpClient` layer and the one-line setup from the environment.
 *
 * @since 0.1.0
 */
export * as HttpLayer from "./HttpLayer.js"

/**
 * Client settings: key, base URL, attribution headers, timeout.
 *
 * @since 0.1.0
 */
export * as OpenRouterConfig from "./OpenRouterConfig.js"

/**
 * Declarative retry: the default schedules, what counts as transient, and per-call overrides.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * Schemas of requests, results and the error envelope.
 *
 * @since 0.1.0
 */
export * as Schemas from "./Schemas.js"
