/**
 * openrouter-effect: an Effect-native client for OpenRouter's Credits API.
 *
 * @since 0.1.0
 */

/**
 * What the account spent over the last 30 days, by day, model and provider (management key).
 *
 * @since 2.2.0
 */
export * as Activity from "./Activity.js"

/**
 * `getCurrentKey`: the key in use, its budgets and limit, and `spendable`: what it can spend now, for any key.
 *
 * @since 0.3.0
 */
export * as ApiKeys from "./ApiKeys.js"

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
 * What one generation cost, for any key.
 *
 * @since 2.2.0
 */
export * as Generations from "./Generations.js"

/**
 * Transports: the default `HttpClient` layer and the one-line setup from the environment.
 *
 * @since 0.1.0
 */
export * as HttpLayer from "./HttpLayer.js"

/**
 * API keys, managed with a management key: list, create, read, change, remove.
 *
 * @since 2.2.0
 */
export * as Keys from "./Keys.js"

/**
 * The metrics every call records: requests by outcome, their duration, retries, the last balance and key limit.
 *
 * @since 0.3.0
 */
export * as Metrics from "./Metrics.js"

/**
 * Watching what is left to spend: a stream of readings, changes and low-balance alerts.
 *
 * @since 0.3.0
 */
export * as Monitor from "./Monitor.js"

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

/**
 * A guard before spending: refuse work when less than a given amount is left.
 *
 * @since 0.3.0
 */
export * as SpendGuard from "./SpendGuard.js"
