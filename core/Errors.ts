/**
 * Every way a Credits call can fail, as tagged errors to match with `Effect.catchTag(s)`.
 *
 * No error holds a credential: request headers are never kept, response headers are kept
 * without cookies or authorization, and input errors name the field, never a secret's value.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { encodeAsJson, literals, optional, stringRecord, type TaggedErrorClass } from "./internal/schemaKit.js"
import { ErrorDetail } from "./Schemas.js"

/**
 * The brand every error of this SDK carries, whichever build (ESM, CommonJS) made it.
 *
 * @since 0.2.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("openrouter-effect/OpenRouterError")

/**
 * @since 0.2.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * An error's fields encoded by its own schema (so durations as JSON), with its `_tag` and `message` first: what a
 * JSON log line, a worker or an RPC boundary needs.
 */
const toJSON = (error: { readonly _tag: string; readonly message: string }): unknown => ({
  _tag: error._tag,
  message: error.message,
  ...encodeAsJson(error)
})

/**
 * What every error of this SDK has besides its fields: the {@link TypeId} brand and a `toJSON` that includes the
 * `message`.
 */
interface Branded {
  get [TypeId](): TypeId
  toJSON(): unknown
}

/** A mixin's constructor: TypeScript merges it into a class's base only with exactly this signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mixin<A> = new(...args: Array<any>) => A

/**
 * `Schema.TaggedError`, with the brand and `toJSON` every error of this SDK has.
 */
const ErrorClass = <Self>() =>
<Tag extends string, Fields extends Schema.Struct.Fields>(
  tag: Tag,
  fields: Fields
): TaggedErrorClass<Self, Tag, Fields> & Mixin<Branded> => {
  const Base = Schema.TaggedError<Self>()(tag, fields) as unknown as Mixin<{
    readonly _tag: string
    readonly message: string
  }>
  class OpenRouterError extends Base implements Branded {
    get [TypeId](): TypeId {
      return TypeId
    }
    toJSON(): unknown {
      return toJSON(this)
    }
  }
  return OpenRouterError as never
}

const ResponseFields = {
  /** HTTP status of the response. */
  status: Schema.Number,
  method: Schema.String,
  url: Schema.String,
  /** Response headers, without cookies or credentials. */
  headers: stringRecord,
  /** How many attempts were made, retries included. */
  attempts: optional(Schema.Number)
}

const EnvelopeFields = {
  ...ResponseFields,
  /**
   * The `error` object of the body: `code`, `message`, `metadata`. The status chose the class; what the body
   * lacks is filled in (`code` from the status, `message` empty), so a proxy's page or a body that strays from
   * the documented envelope still gives this class.
   */
  error: ErrorDetail,
  /** The body's `user_id`, when the server sent one. */
  userId: optional(Schema.String),
  /** The body as text, cut to {@link MAX_BODY_CHARS} characters, when it was not OpenRouter's error envelope. */
  body: optional(Schema.String)
}

const RetryAfterField = {
  /** How long the server asked to wait (`Retry-After` or `retry-after-ms`), when it said. */
  retryAfter: optional(Schema.Duration)
}

const MESSAGE_BODY_CHARS = 1_000

const pathOf = (url: string): string => {
  const match = /^[a-z]+:\/\/[^/]+(\/[^?#]*)/i.exec(url)
  return match?.[1] ?? url
}

const describe = (self: { readonly method: string; readonly url: string }) => `${self.method} ${pathOf(self.url)}`

/** What the server said: the envelope's message, or else the start of a body that was not an envelope. */
const serverSaid = (error: ErrorDetail, body: string | undefined) => {
  const said = (error.message || body || "").replace(/[\s.]+$/, "").trim()
  return said === "" ? "" : `: ${said.slice(0, MESSAGE_BODY_CHARS)}${said.length > MESSAGE_BODY_CHARS ? "…" : ""}`
}

const A_YEAR = Duration.days(365)

/** A wait as people read it: whole seconds, and no figure past a year (a server may send any number). */
const formatWait = (wait: Duration.Duration): string =>
  Duration.toMillis(wait) > Duration.toMillis(A_YEAR)
    ? "more than a year"
    : Duration.toMillis(wait) < 1_000
    ? Duration.format(Duration.millis(Math.round(Duration.toMillis(wait))))
    : Duration.format(Duration.seconds(Math.round(Duration.toSeconds(wait))))

/**
 * A `Duration` as people read it: whole seconds (milliseconds below one), and no figure past a year.
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 * import { Duration } from "effect"
 *
 * console.log(Errors.formatDuration(Duration.millis(2_400))) // 2s
 * ```
 * @since 0.2.0
 * @category formatting
 */
export const formatDuration = (duration: Duration.Duration): string => formatWait(duration)

const waitHint = (retryAfter: Duration.Duration | undefined) =>
  retryAfter === undefined
    ? "Wait before calling again."
    : `The server asked to wait ${formatWait(retryAfter)} before calling again.`

/**
 * The longest response body an error keeps, in characters.
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_BODY_CHARS = 10_000

/**
 * 400: the server rejected the request body (for example an amount outside its limits).
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequestResponseError extends /* @__PURE__ */ ErrorClass<BadRequestResponseError>()(
  "BadRequestResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter rejected ${describe(this)} as invalid (400)${
      serverSaid(this.error, this.body)
    }. Check the request values against the API's limits; retrying the same request will fail the same way.`
  }
}

/**
 * 401: the key or bearer is missing, malformed, revoked or unknown.
 *
 * @since 0.1.0
 */
export class UnauthorizedResponseError extends /* @__PURE__ */ ErrorClass<UnauthorizedResponseError>()(
  "UnauthorizedResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter did not accept the credentials for ${describe(this)} (401)${
      serverSaid(this.error, this.body)
    }. Check that the key (OPENROUTER_API_KEY, or the bearer passed to createCoinbaseCharge) is current and complete.`
  }
}

const MANAGEMENT_PATH = /\/(keys(\/[^/]*)?|activity)$/
const BUDGET = /budget|limit|guardrail/i

/** The scope and reset a budget refusal's metadata names, when it names them. */
const budgetFacts = (metadata: ErrorDetail["metadata"]): string => {
  const scope = metadata?.["scope"] ?? metadata?.["budget_scope"]
  const resets = metadata?.["resets_at"]
  return `${typeof scope === "string" ? ` (${scope.slice(0, 100)})` : ""}${
    typeof resets === "string" ? `; it resets at ${resets.slice(0, 40)}` : ""
  }`
}

/**
 * 403: the key is valid but may not do this. `GET /credits` needs a management key.
 *
 * @since 0.1.0
 */
export class ForbiddenResponseError extends /* @__PURE__ */ ErrorClass<ForbiddenResponseError>()(
  "ForbiddenResponseError",
  EnvelopeFields
) {
  override get message(): string {
    const path = pathOf(this.url)
    const advice = path.endsWith("/credits")
      ? "GET /credits needs a management key (formerly \"provisioning key\"), not an ordinary API key: create one at https://openrouter.ai/settings/management-keys. An ordinary key can read its own spending limit and what is left of it from GET /key (ApiKeys.getCurrentKey)."
      : MANAGEMENT_PATH.test(path)
      ? "This operation needs a management key: create one at https://openrouter.ai/settings/management-keys."
      : BUDGET.test(`${this.error.message} ${this.body ?? ""}`)
      ? `A budget layer or the key's limit is spent${
        budgetFacts(this.error.metadata)
      }: ApiKeys.spendable says which layer binds and when it resets.`
      : "The key is valid but lacks permission for this operation."
    return `OpenRouter refused ${describe(this)} (403)${serverSaid(this.error, this.body)}. ${advice}`
  }
}

/**
 * 429: rate limited. `retryAfter` says when to come back, when the server said.
 *
 * @since 0.1.0
 */
export class TooManyRequestsResponseError extends /* @__PURE__ */ ErrorClass<TooManyRequestsResponseError>()(
  "TooManyRequestsResponseError",
  { ...EnvelopeFields, ...RetryAfterField }
) {
  override get message(): string {
    return `OpenRouter rate-limited ${describe(this)} (429)${serverSaid(this.error, this.body)}. ${
      waitHint(this.retryAfter)
    }`
  }
}

/**
 * 500: the server failed. Usually transient.
 *
 * @since 0.1.0
 */
export class InternalServerResponseError extends /* @__PURE__ */ ErrorClass<InternalServerResponseError>()(
  "InternalServerResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter failed while handling ${describe(this)} (500)${
      serverSaid(this.error, this.body)
    }. This is usually transient: try again shortly.`
  }
}

/**
 * 402: the account (or the key's budget) cannot pay for the request.
 *
 * @since 2.2.0
 * @category errors
 */
export class PaymentRequiredResponseError extends /* @__PURE__ */ ErrorClass<PaymentRequiredResponseError>()(
  "PaymentRequiredResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter refused ${describe(this)} for want of credits (402)${
      serverSaid(this.error, this.body)
    }. Add credits at https://openrouter.ai/settings/credits (or raise the key's limit), then call again; a SpendGuard can be told to read the balance again with SpendGuard.refresh.`
  }
}

/**
 * 404: nothing exists at that id or hash (a key removed, a generation not recorded yet, a workspace unknown).
 *
 * @since 2.2.0
 * @category errors
 */
export class NotFoundResponseError extends /* @__PURE__ */ ErrorClass<NotFoundResponseError>()(
  "NotFoundResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter found nothing for ${describe(this)} (404)${
      serverSaid(this.error, this.body)
    }. Check the id or hash; a generation can take a few seconds to be recorded after its response.`
  }
}

/**
 * 409: the change conflicts with the resource's current state.
 *
 * @since 2.2.0
 * @category errors
 */
export class ConflictResponseError extends /* @__PURE__ */ ErrorClass<ConflictResponseError>()(
  "ConflictResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter refused ${describe(this)} as conflicting with the current state (409)${
      serverSaid(this.error, this.body)
    }. Read the resource again and send a change that fits it.`
  }
}

/**
 * 502: the provider or upstream API behind OpenRouter failed. Usually transient.
 *
 * @since 2.2.0
 * @category errors
 */
export class BadGatewayResponseError extends /* @__PURE__ */ ErrorClass<BadGatewayResponseError>()(
  "BadGatewayResponseError",
  { ...EnvelopeFields, ...RetryAfterField }
) {
  override get message(): string {
    return `An upstream of OpenRouter failed for ${describe(this)} (502)${
      serverSaid(this.error, this.body)
    }. This is usually transient: try again shortly.`
  }
}

/**
 * 524: OpenRouter's edge network gave up waiting for an answer. Usually transient.
 *
 * @since 2.2.0
 * @category errors
 */
export class EdgeNetworkTimeoutResponseError extends /* @__PURE__ */ ErrorClass<EdgeNetworkTimeoutResponseError>()(
  "EdgeNetworkTimeoutResponseError",
  { ...EnvelopeFields, ...RetryAfterField }
) {
  override get message(): string {
    return `OpenRouter's edge network timed out on ${describe(this)} (524)${
      serverSaid(this.error, this.body)
    }. This is usually transient: try again shortly.`
  }
}

/**
 * 529: the provider is overloaded. Transient: wait, or route to another provider.
 *
 * @since 2.2.0
 * @category errors
 */
export class ProviderOverloadedResponseError extends /* @__PURE__ */ ErrorClass<ProviderOverloadedResponseError>()(
  "ProviderOverloadedResponseError",
  { ...EnvelopeFields, ...RetryAfterField }
) {
  override get message(): string {
    return `The provider is overloaded for ${describe(this)} (529)${serverSaid(this.error, this.body)}. ${
      waitHint(this.retryAfter)
    }`
  }
}

/**
 * 410: the Coinbase charge endpoint was removed upstream.
 *
 * @since 0.1.0
 */
export class GoneResponseError extends /* @__PURE__ */ ErrorClass<GoneResponseError>()(
  "GoneResponseError",
  EnvelopeFields
) {
  override get message(): string {
    return `OpenRouter has removed ${describe(this)} (410 Gone)${
      serverSaid(this.error, this.body)
    }. Coinbase charges can no longer be created through the API; buy credits with the web purchase flow at https://openrouter.ai/settings/credits instead.`
  }
}

/**
 * Any other non-2xx status, or a typed status whose body is not OpenRouter's error envelope
 * (for example an HTML page from a proxy).
 *
 * @since 0.1.0
 */
export class OpenRouterDefaultError extends /* @__PURE__ */ ErrorClass<OpenRouterDefaultError>()(
  "OpenRouterDefaultError",
  {
    ...ResponseFields,
    ...RetryAfterField,
    contentType: Schema.String,
    /** The response body as text, cut to {@link MAX_BODY_CHARS} characters. */
    body: Schema.String,
    error: optional(ErrorDetail),
    userId: optional(Schema.String),
    /** The `Content-Encoding` of a body the SDK did not read: it asks for an uncompressed one. */
    unreadEncoding: optional(Schema.String)
  }
) {
  override get message(): string {
    if (this.status >= 300 && this.status < 400) {
      const location = this.headers["location"]
      return `OpenRouter answered ${describe(this)} with a redirect (${this.status})${
        location === undefined ? "" : ` to ${location.slice(0, MESSAGE_BODY_CHARS)}`
      }, which the SDK does not follow: the API does not redirect, so check baseUrl (OPENROUTER_BASE_URL).`
    }
    const said = this.error !== undefined
      ? serverSaid(this.error, this.body)
      : this.unreadEncoding !== undefined
      ? ` and a body compressed with ${this.unreadEncoding}, not read (the SDK asks for an uncompressed one)`
      : this.body.length === 0
      ? " and an empty body"
      : `: ${this.body.slice(0, MESSAGE_BODY_CHARS)}${this.body.length > MESSAGE_BODY_CHARS ? "…" : ""}`
    const type = this.contentType === "" ? "no content type" : this.contentType
    return `OpenRouter answered ${describe(this)} with unexpected status ${this.status} (${type})${said}`
  }
}

/**
 * A 2xx response whose body is not JSON or not the documented shape. `issues` says which paths failed.
 *
 * @since 0.1.0
 */
export class ResponseValidationError extends /* @__PURE__ */ ErrorClass<ResponseValidationError>()(
  "ResponseValidationError",
  {
    ...ResponseFields,
    issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
    /** The response body as text, cut to {@link MAX_BODY_CHARS} characters. */
    body: Schema.String
  }
) {
  override get message(): string {
    const found = this.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`).join("; ")
    return `OpenRouter answered ${
      describe(this)
    } with ${this.status}, but the body is not the documented shape (${found}). The API may have changed: report it with the body attached.`
  }
}

/**
 * Bad input or a bad setting, refused before anything was sent. `operation` is the API operation that was not sent
 * (`getCredits`), or the SDK function that checked it (`SpendGuard.require`, `Monitor.watchBalance`), which sends
 * nothing itself; `field` names the input, `expected` what it must be.
 *
 * @since 0.1.0
 */
export class RequestValidationError extends /* @__PURE__ */ ErrorClass<RequestValidationError>()(
  "RequestValidationError",
  {
    operation: Schema.String,
    field: Schema.String,
    expected: Schema.String
  }
) {
  override get message(): string {
    // API operations are named as the API names them (`getCredits`); the SDK's own functions by module.
    const refused = this.operation.includes(".")
      ? `${this.operation} refused its input`
      : `${this.operation} was not sent`
    return `${refused}: "${this.field}" must be ${this.expected}.`
  }
}

/**
 * Why a {@link ConnectionError} happened.
 *
 * - `ConnectionRefused`, `HostNotFound`, `InvalidUrl`: the request never left, so retrying cannot duplicate it.
 * - `Transport`: sending failed; the server may or may not have seen the request.
 * - `ResponseBody`: the response started but could not be read to the end.
 * - `Redirected`: OpenRouter's answer was a redirect that the provided `HttpClient` tried to follow (middleware
 *   such as `HttpClient.followRedirects`): the SDK refused to send the request on.
 * - `Repeated`: the provided `HttpClient` tried to send the request again within one attempt (retry middleware
 *   such as `HttpClient.retryTransient`, or a `transform` that runs the send twice): the SDK refused the repeat
 *   before it left. The first request was sent: its outcome is unknown.
 * - `Closed`: the transport was closed (its layer's scope ended) before the request was sent.
 *
 * @since 0.1.0
 */
export const ConnectionFailure = literals(
  "ConnectionRefused",
  "HostNotFound",
  "InvalidUrl",
  "Transport",
  "ResponseBody",
  "Redirected",
  "Repeated",
  "Closed"
)

const originOfUrl = (url: string): string => {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(url)
  return match?.[0] ?? url
}

const OWN_TRANSPORT =
  "OpenRouter calls retry on the SDK's own schedule (Retry): run them on a transport of their own, OpenRouterConfig.layerClient with HttpLayer.layer or NodeLayer.layer, or remove that middleware from the HttpClient they run on."

/**
 * The request could not be sent, or the response could not be read.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConnectionError extends /* @__PURE__ */ ErrorClass<ConnectionError>()(
  "ConnectionError",
  {
    method: Schema.String,
    url: Schema.String,
    reason: ConnectionFailure,
    /** The transport's own description, e.g. `connect ECONNREFUSED 127.0.0.1:443`. */
    detail: Schema.String,
    attempts: optional(Schema.Number)
  }
) {
  /** True when the request provably never reached the server. */
  get requestNotSent(): boolean {
    return this.reason === "ConnectionRefused" || this.reason === "HostNotFound" || this.reason === "InvalidUrl"
  }

  override get message(): string {
    if (this.reason === "Redirected") {
      return `${
        describe(this)
      }: ${this.detail}. The API does not redirect and the SDK does not follow redirects: check the base URL (${
        originOfUrl(this.url)
      }). ${OWN_TRANSPORT}`
    }
    if (this.reason === "Repeated") {
      return `${
        describe(this)
      }: ${this.detail}. The API has no idempotency key, so a repeat could act twice. ${OWN_TRANSPORT}`
    }
    if (this.reason === "Closed") {
      return `${
        describe(this)
      }: the HttpClient's transport is closed (${this.detail}): the scope of the layer that made it has ended, for example under an Effect.provide of its own. Build what makes OpenRouter calls (a SpendGuard, a watch) where that layer lives: as a layer beside it, or inside its scope.`
    }
    const what = this.reason === "ResponseBody"
      ? "reading the response failed"
      : this.reason === "InvalidUrl"
      ? "the URL is invalid (check baseUrl)"
      : this.reason === "ConnectionRefused"
      ? "the connection was refused"
      : this.reason === "HostNotFound"
      ? "the host name could not be resolved"
      : "the request could not be sent"
    return `${describe(this)}: ${what} (${this.detail}). Check the network and the base URL in use (${
      originOfUrl(this.url)
    }).`
  }
}

/**
 * The per-attempt `timeout` of {@link OpenRouterConfig} elapsed before the response was read.
 *
 * @since 0.1.0
 */
export class RequestTimeoutError extends /* @__PURE__ */ ErrorClass<RequestTimeoutError>()(
  "RequestTimeoutError",
  {
    method: Schema.String,
    url: Schema.String,
    timeout: Schema.Duration,
    attempts: optional(Schema.Number)
  }
) {
  override get message(): string {
    return `${describe(this)} got no complete response within ${
      formatWait(this.timeout)
    } (the per-attempt timeout). Raise "timeout" in OpenRouterConfig or check the network.`
  }
}

/**
 * Where a remaining amount was read: the account's balance (`GET /credits`, a management key) or the spending
 * limit of the key in use (`GET /key`, any key).
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 * import { Schema } from "effect"
 *
 * const isSource = Schema.is(Errors.CreditSource) // "account" | "key"
 * ```
 * @since 0.3.0
 * @category models
 */
export const CreditSource = literals("account", "key")

/**
 * @since 0.3.0
 * @category models
 */
export type CreditSource = typeof CreditSource.Type

/**
 * A spend guard refused work: less is left than the work requires. Nothing was spent; the figures are US
 * dollars as last read (at most the guard's time-to-live ago).
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 *
 * const error = new Errors.InsufficientCreditsError({ remaining: 0.4, required: 2, source: "key" })
 * console.log(error.message)
 * ```
 * @since 0.3.0
 */
export class InsufficientCreditsError extends /* @__PURE__ */ ErrorClass<InsufficientCreditsError>()(
  "InsufficientCreditsError",
  {
    /** What was left when last read. */
    remaining: Schema.Number,
    /** What the refused work asked for. */
    required: Schema.Number,
    source: CreditSource,
    /** The layer that bound: `key_limit` (the key's own limit) or a budget's scope (`member`, `workspace`, …). */
    scope: optional(Schema.String),
    /** When that layer resets (ISO 8601), if it does. */
    resetsAt: optional(Schema.String)
  }
) {
  override get message(): string {
    const where = this.source === "account"
      ? "on the account (GET /credits)"
      : this.scope === undefined || this.scope === "key_limit"
      ? "of the key's spending limit (GET /key)"
      : `of the ${this.scope} budget (GET /key)`
    const reset = this.resetsAt === undefined ? "" : ` It resets at ${this.resetsAt}.`
    const fix = this.source === "account"
      ? "Add credits at https://openrouter.ai/settings/credits"
      : this.scope === undefined || this.scope === "key_limit"
      ? "Raise the key's limit at https://openrouter.ai/settings/keys"
      : "Raise the budget in the workspace's settings"
    return `Refused: $${this.remaining} left ${where}, less than the $${this.required} this work requires.${reset} ${fix}, or lower the requirement.`
  }
}

/**
 * What the key in use may spend cannot be known: it is an ordinary key without a spending limit, so `GET /key`
 * says nothing of what is left, and it may not read the account's balance (`GET /credits` needs a management
 * key). A spend guard or a watch of the key source fails with this rather than let work through unguarded.
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 *
 * console.log(new Errors.NoSpendingLimitError({ label: "sk-or-v1-abc...xyz" }).message)
 * ```
 * @since 1.1.0
 * @category errors
 */
export class NoSpendingLimitError extends /* @__PURE__ */ ErrorClass<NoSpendingLimitError>()(
  "NoSpendingLimitError",
  {
    /** The key's label as OpenRouter shows it (never the key). */
    label: Schema.String
  }
) {
  override get message(): string {
    return `The key ${this.label} has no spending limit, so GET /key says nothing of what is left, and an ordinary key may not read the account's balance (GET /credits needs a management key). Set a limit on the key at https://openrouter.ai/settings/keys, or watch the account (source: "account") with a management key.`
  }
}

/**
 * A layer of the SDK cannot run on this process's runtime: `NodeLayer.layer` needs a newer Node.js than the one
 * running. Raised when the layer is built, before anything is sent.
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 *
 * const error = new Errors.UnsupportedRuntimeError({ layer: "NodeLayer.layer", required: ">= 22.19.0", found: "20.20.2" })
 * console.log(error.message)
 * ```
 * @since 1.1.0
 * @category errors
 */
export class UnsupportedRuntimeError extends /* @__PURE__ */ ErrorClass<UnsupportedRuntimeError>()(
  "UnsupportedRuntimeError",
  {
    /** The layer that cannot run. */
    layer: Schema.String,
    /** The Node.js versions it runs on. */
    required: Schema.String,
    /** The Node.js version of this process. */
    found: Schema.String
  }
) {
  override get message(): string {
    return `${this.layer} needs Node.js ${this.required} (the undici that @effect/platform-node loads relies on it); this process runs Node.js ${this.found}. Upgrade Node.js, or use HttpLayer.layer (fetch).`
  }
}

/**
 * A non-2xx answer from OpenRouter.
 *
 * @since 0.1.0
 */
export type StatusError =
  | BadRequestResponseError
  | UnauthorizedResponseError
  | PaymentRequiredResponseError
  | ForbiddenResponseError
  | NotFoundResponseError
  | ConflictResponseError
  | TooManyRequestsResponseError
  | InternalServerResponseError
  | BadGatewayResponseError
  | EdgeNetworkTimeoutResponseError
  | ProviderOverloadedResponseError
  | OpenRouterDefaultError

/**
 * Everything `Credits.getCredits` can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type GetCreditsError =
  | StatusError
  | ResponseValidationError
  | RequestValidationError
  | ConnectionError
  | RequestTimeoutError

/**
 * Everything `ApiKeys.getCurrentKey` can fail with: the same as `getCredits` (OpenRouter documents 401 and 500;
 * any other status still gets its class).
 *
 * @since 0.3.0
 * @category models
 */
export type GetCurrentKeyError = GetCreditsError

/**
 * Everything `Credits.createCoinbaseCharge` can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateCoinbaseChargeError = GetCreditsError | GoneResponseError

/**
 * Any error of this SDK.
 *
 * @since 0.1.0
 * @category models
 */
export type OpenRouterError = CreateCoinbaseChargeError | InsufficientCreditsError | NoSpendingLimitError

/**
 * Whether a value is one of this SDK's errors: it carries the SDK's {@link TypeId} brand, so a foreign object
 * with a look-alike `_tag` is not.
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 *
 * const describe = (u: unknown) => Errors.isOpenRouterError(u) ? u._tag : "something else"
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isOpenRouterError = (u: unknown): u is OpenRouterError => Predicate.hasProperty(u, TypeId)

/**
 * The HTTP status of an error that answers one, else `undefined`.
 *
 * @example
 * ```ts
 * import { Errors } from "openrouter-effect"
 *
 * const status = (error: Errors.OpenRouterError) => Errors.statusOf(error) ?? "no answer"
 * ```
 * @since 0.2.0
 * @category accessors
 */
export const statusOf = (error: OpenRouterError): number | undefined => "status" in error ? error.status : undefined

/**
 * Whether OpenRouter (or a proxy in front of it) failed: any 5xx, whichever class carries it (`500` is
 * `InternalServerResponseError`, `502`, `524` and `529` have their own classes, `503`, `504` and the rest are
 * `OpenRouterDefaultError`).
 *
 * @example
 * ```ts
 * import { Credits, Errors, Retry } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const patient = Credits.getCredits.pipe(
 *   Retry.withSchedule(Retry.none),
 *   Effect.retry({ times: 3, while: Errors.isServerError })
 * )
 * ```
 * @since 0.2.0
 * @category guards
 */
export const isServerError = (error: OpenRouterError): boolean => {
  const status = statusOf(error)
  return status !== undefined && status >= 500 && status <= 599
}

/**
 * Whether the call was rate-limited: a 429, whichever class carries it.
 *
 * @example
 * ```ts
 * import { Credits, Errors } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const orNothing = Credits.getCredits.pipe(
 *   Effect.catchIf(Errors.isRateLimited, () => Effect.succeed(undefined))
 * )
 * ```
 * @since 0.2.0
 * @category guards
 */
export const isRateLimited = (error: OpenRouterError): boolean => statusOf(error) === 429

/**
 * Whether the credentials were refused: a 401 (missing, revoked or unknown key) or a 403 (a valid key without
 * the permission, such as an ordinary key on `GET /credits`). Retrying will not help.
 *
 * @example
 * ```ts
 * import { Credits, Errors } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const explained = Credits.getCredits.pipe(
 *   Effect.catchIf(Errors.isAuthError, (e) => Effect.fail(`check the key: ${e.message}`))
 * )
 * ```
 * @since 0.2.0
 * @category guards
 */
export const isAuthError = (error: OpenRouterError): boolean => {
  const status = statusOf(error)
  return status === 401 || status === 403
}
