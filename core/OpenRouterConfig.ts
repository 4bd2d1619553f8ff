/**
 * The client settings every operation reads: key, base URL, attribution headers, timeout.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { decodeDuration, type DurationInput } from "./internal/durationKit.js"
import { type ConfigFailure, optionalSetting, requiredSecret, Service as ServiceKey } from "./internal/effectKit.js"
import { HttpClient } from "./internal/httpKit.js"
import { HEADER_VALUE, safeUrl } from "./internal/redact.js"
import type { RetrySchedule } from "./Retry.js"

/**
 * The default base URL: `https://openrouter.ai/api/v1`.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"

/**
 * The default per-attempt timeout: 30 seconds.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/**
 * What `layer` and `make` accept.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The API key. `GET /credits` needs a management key. A string is wrapped in `Redacted` at once. */
  readonly apiKey: string | Redacted.Redacted<string>
  /**
   * Defaults to `https://openrouter.ai/api/v1`; with or without a trailing slash. Must be an absolute `http:` or
   * `https:` URL without credentials, query or fragment: any other value fails every call with a
   * `RequestValidationError` naming `baseUrl`, before anything is sent.
   */
  readonly baseUrl?: string | undefined
  /** Your app's URL, sent as `HTTP-Referer` for attribution. */
  readonly appUrl?: string | undefined
  /** Your app's name, sent as `X-OpenRouter-Title`. */
  readonly appTitle?: string | undefined
  /** Marketplace categories, sent comma-separated as `X-OpenRouter-Categories`. */
  readonly appCategories?: string | ReadonlyArray<string> | undefined
  /**
   * How long one attempt (request and whole body) may take. Defaults to 30 seconds. `Duration.infinity`, or
   * anything above 2^31-1 ms (24.8 days, the longest a JavaScript timer waits), means no timeout, as for
   * Effect's own clock.
   */
  readonly timeout?: DurationInput | undefined
  /**
   * Send W3C `traceparent` and `b3` headers to OpenRouter so its side joins your traces.
   * Off by default: trace ids are not sent to a third party unless you say so.
   */
  readonly propagateTraceContext?: boolean | undefined
  /**
   * The retry schedule of every call: a `Schedule` whose input is the failed attempt's error, or
   * `Retry.none`. Unset, `getCredits` uses `Retry.defaultSchedule` and `createCoinbaseCharge`
   * `Retry.defaultPostSchedule`.
   *
   * Calls that may act (`createCoinbaseCharge`, the `Keys` changes) are never sent again after an error after
   * which they may have acted, whatever this schedule says: the API has no idempotency key
   * (`Retry.isSafeToRepeat`).
   */
  readonly retry?: RetrySchedule | undefined
  /**
   * With {@link layerClient}: changes the captured transport once, when the layer is built (a proxy agent, a
   * logging `tapRequest`). Ignored by {@link layer}, whose calls run on the `HttpClient` in context.
   */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * The settings, normalised: the key is `Redacted`, the base URL has no trailing slash,
 * the timeout is a `Duration`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly appUrl: string | undefined
  readonly appTitle: string | undefined
  readonly appCategories: string | undefined
  readonly timeout: Duration.Duration
  readonly propagateTraceContext: boolean
  readonly retry: RetrySchedule | undefined
  /**
   * The first setting that cannot be used, if any. Every call then fails with a `RequestValidationError`
   * naming it, before anything is sent; the value itself is never shown.
   */
  readonly invalid: InvalidSetting | undefined
  /**
   * The transport OpenRouter calls run on, captured by {@link layerClient}. `undefined`: the `HttpClient` in the
   * call's context.
   */
  readonly httpClient: HttpClient.HttpClient | undefined
}

/**
 * A setting that cannot be used: which one, and what it must be.
 *
 * @since 0.2.0
 * @category models
 */
export interface InvalidSetting {
  readonly field: "apiKey" | "baseUrl" | "appUrl" | "appTitle" | "appCategories" | "timeout"
  readonly expected: string
}

/**
 * The Context tag of the client settings.
 *
 * @since 0.1.0
 * @category tags
 */
export class OpenRouterConfig extends ServiceKey<OpenRouterConfig, Service>()("openrouter-effect/OpenRouterConfig") {}

const nonEmpty = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i
const AUTHORITY = /^https?:\/\/[^/?#]/i

const BASE_URL_EXPECTED = "an absolute http: or https: URL without credentials, query or fragment"

/** The base URL without anything secret in it, and whether it can be used as it was given. */
const checkBaseUrl = (raw: string): { readonly shown: string; readonly valid: boolean } => {
  const hasUserInfo = USERINFO.test(raw)
  const shown = safeUrl(raw)
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase()
  if (hasUserInfo || (scheme !== "http" && scheme !== "https") || /[?#]/.test(raw) || !AUTHORITY.test(raw)) {
    return { shown: scheme === "http" || scheme === "https" ? shown.replace(/[?#].*$/s, "") : "", valid: false }
  }
  try {
    const url = new URL(raw)
    return { shown, valid: url.host !== "" && url.username === "" && url.password === "" }
  } catch {
    return { shown: "", valid: false }
  }
}

const headerProblem = (
  field: "appUrl" | "appTitle" | "appCategories",
  value: string | undefined
): InvalidSetting | undefined =>
  value === undefined || HEADER_VALUE.test(value)
    ? undefined
    : { field, expected: "text that fits in an HTTP header: Latin-1 characters, no line breaks or control characters" }

const decodeTimeout = (input: DurationInput | undefined): Duration.Duration | undefined => {
  if (input === undefined) return DEFAULT_TIMEOUT
  const timeout = decodeDuration(input)
  return timeout !== undefined && Duration.toMillis(timeout) > 0 ? timeout : undefined
}

/**
 * Normalises options into the settings every operation reads.
 *
 * @example
 * ```ts
 * import { OpenRouterConfig } from "openrouter-effect"
 *
 * const settings = OpenRouterConfig.make({ apiKey: "sk-or-v1-example", baseUrl: "http://127.0.0.1:8080/api/v1/" })
 * console.log(settings.baseUrl) // http://127.0.0.1:8080/api/v1
 * console.log(String(settings.apiKey)) // <redacted>
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Service => {
  const categories = typeof options.appCategories === "string"
    ? options.appCategories
    : options.appCategories?.map((c) => String(c).trim()).filter((c) => c !== "").join(",")
  const baseUrl = checkBaseUrl((nonEmpty(options.baseUrl) ?? DEFAULT_BASE_URL).replace(/\/+$/, ""))
  const appUrl = nonEmpty(options.appUrl)
  const appTitle = nonEmpty(options.appTitle)
  const appCategories = nonEmpty(categories)
  const timeout = decodeTimeout(options.timeout)
  const apiKey = Redacted.isRedacted(options.apiKey) ? options.apiKey : Redacted.make(String(options.apiKey ?? ""))
  const invalid: InvalidSetting | undefined = !baseUrl.valid
    ? { field: "baseUrl", expected: BASE_URL_EXPECTED }
    : headerProblem("appUrl", appUrl) ?? headerProblem("appTitle", appTitle) ??
      headerProblem("appCategories", appCategories) ??
      (timeout === undefined ? { field: "timeout", expected: "a Duration greater than zero" } : undefined)
  return {
    apiKey,
    baseUrl: baseUrl.shown,
    appUrl,
    appTitle,
    appCategories,
    timeout: timeout ?? DEFAULT_TIMEOUT,
    propagateTraceContext: options.propagateTraceContext ?? false,
    retry: options.retry,
    invalid,
    httpClient: undefined
  }
}

/**
 * Provides the settings from options.
 *
 * @example
 * ```ts
 * import { OpenRouterConfig } from "openrouter-effect"
 *
 * const ConfigLive = OpenRouterConfig.layer({ apiKey: "sk-or-v1-example", appTitle: "My app", timeout: "10 seconds" })
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<OpenRouterConfig> =>
  Layer.sync(OpenRouterConfig, () => make(options))

/**
 * Provides the settings from options, with a transport of their own: the `HttpClient` given to this layer (with
 * `Layer.provide`), changed once by `transformClient`. OpenRouter calls then run on it whatever `HttpClient` the
 * rest of the app provides, so the app's client keeps its middleware and OpenRouter's requests get none of it
 * (no app headers, retries or redirect-following). The operations' type still names `HttpClient`: the app's own
 * client satisfies it, unused.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
 * import { NodeLayer } from "openrouter-effect/node"
 * import { Effect, Layer } from "effect"
 *
 * // OpenRouter on undici, the app's own services on its fetch client
 * const OpenRouterLive = OpenRouterConfig.layerClient({ apiKey: "sk-or-v1-example" }).pipe(
 *   Layer.provide(NodeLayer.layer)
 * )
 * const program = Credits.getCredits.pipe(Effect.provide(Layer.merge(OpenRouterLive, HttpLayer.layer)))
 * ```
 * @since 0.2.0
 * @category layers
 */
export const layerClient = (options: Options): Layer.Layer<OpenRouterConfig, never, HttpClient.HttpClient> =>
  Layer.effect(
    OpenRouterConfig,
    Effect.map(HttpClient.HttpClient, (client) => ({
      ...make(options),
      httpClient: options.transformClient === undefined ? client : options.transformClient(client)
    }))
  )

/**
 * {@link layerConfig} with a transport of its own, as {@link layerClient}: settings from the environment, calls on
 * the `HttpClient` given to this layer, the app's own client untouched.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
 * import { NodeLayer } from "openrouter-effect/node"
 * import { Effect, Layer } from "effect"
 *
 * const OpenRouterLive = OpenRouterConfig.layerConfigClient.pipe(Layer.provide(NodeLayer.layer))
 * const program = Credits.getCredits.pipe(Effect.provide(Layer.merge(OpenRouterLive, HttpLayer.layer)))
 * ```
 * @since 0.2.0
 * @category layers
 */
export const layerConfigClient: Layer.Layer<OpenRouterConfig, ConfigFailure, HttpClient.HttpClient> =
  /* @__PURE__ */ Layer.effect(
    OpenRouterConfig,
    /* @__PURE__ */ Effect.zipWith(
      /* @__PURE__ */ Effect.suspend(() => config),
      HttpClient.HttpClient,
      (settings, httpClient): Service => ({ ...settings, httpClient })
    )
  )

const MISSING_KEY =
  "OPENROUTER_API_KEY is not set. Create a key at https://openrouter.ai/settings/keys (GET /credits needs a management key; any key reads GET /key) and export it as OPENROUTER_API_KEY, or give it to OpenRouterConfig.layer({ apiKey })."

/**
 * The settings as an Effect `Config`, read from `OPENROUTER_API_KEY` (required, redacted),
 * `OPENROUTER_BASE_URL`, `OPENROUTER_HTTP_REFERER`, `OPENROUTER_APP_TITLE` and
 * `OPENROUTER_APP_CATEGORIES` (comma-separated).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Service> = /* @__PURE__ */ Config.map(
  /* @__PURE__ */ Config.all({
    apiKey: /* @__PURE__ */ requiredSecret("OPENROUTER_API_KEY", MISSING_KEY),
    baseUrl: /* @__PURE__ */ optionalSetting("OPENROUTER_BASE_URL"),
    appUrl: /* @__PURE__ */ optionalSetting("OPENROUTER_HTTP_REFERER"),
    appTitle: /* @__PURE__ */ optionalSetting("OPENROUTER_APP_TITLE"),
    appCategories: /* @__PURE__ */ optionalSetting("OPENROUTER_APP_CATEGORIES")
  }),
  (c) =>
    make({
      apiKey: c.apiKey,
      baseUrl: Option.getOrUndefined(c.baseUrl),
      appUrl: Option.getOrUndefined(c.appUrl),
      appTitle: Option.getOrUndefined(c.appTitle),
      appCategories: Option.getOrUndefined(c.appCategories)?.split(",")
    })
)

/**
 * Provides the settings from the environment (see {@link config}); fails with a `ConfigError` that says
 * `OPENROUTER_API_KEY` is not set, and where to get a key, when it is missing or empty.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
 * import { Effect, Layer } from "effect"
 *
 * const program = Credits.getCredits.pipe(
 *   Effect.provide(Layer.merge(OpenRouterConfig.layerConfig, HttpLayer.layer))
 * )
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<OpenRouterConfig, ConfigFailure> = /* @__PURE__ */ Layer.effect(
  OpenRouterConfig,
  config
)
