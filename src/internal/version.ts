/**
 * This package's version; a test keeps it equal to package.json's.
 *
 * @internal
 */
export const VERSION = "1.0.0"

/**
 * The `User-Agent` the SDK sends.
 *
 * @internal
 */
export const USER_AGENT = `openrouter-effect/${VERSION}`
