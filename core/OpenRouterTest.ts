/**
 * Test layers: the Credits API emulated in memory, with fault scripting and request recording.
 * Import from `openrouter-effect/testing`; it never lands in a production bundle.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Account from "./internal/account.js"
import { type DurationInput, toDuration } from "./internal/durationKit.js"
import { Service, unwrapLayer } from "./internal/effectKit.js"
import * as Emulated from "./internal/emulator.js"
import { type HttpBody, HttpClient, HttpClientResponse, transportError } from "./internal/httpKit.js"
import * as OpenRouterConfig from "./OpenRouterConfig.js"

/**
 * A route the emulator serves: `"GET /credits"`, `"GET /key"`, `"POST /credits/coinbase"`, `"GET /keys"`,
 * `"POST /keys"`, `"GET /keys/{hash}"`, `"PATCH /keys/{hash}"`, `"DELETE /keys/{hash}"`, `"GET /activity"` or
 * `"GET /generation"`.
 *
 * @since 0.1.0
 * @category models
 */
export type Route = Emulated.Route

/**
 * One scripted answer. Build them with {@link pass}, {@link status}, {@link rateLimited}, {@link reply},
 * {@link malformedJson}, {@link html}, {@link wrongShape}, {@link delay}, {@link disconnect}, {@link refuse} and
 * {@link afterProcessing}.
 *
 * @since 0.1.0
 * @category models
 */
export type Step = Emulated.Step

/**
 * A budget layer of the emulated account: scope, limit in dollars, reset, and the keys it binds.
 *
 * @since 2.2.0
 * @category models
 */
export interface BudgetOptions extends Account.BudgetOptions {}

/**
 * What a recorded spend was: its model (`:free` counts against the free-model quota), provider, BYOK cost, tokens.
 *
 * @since 2.2.0
 * @category models
 */
export interface SpendOptions extends Account.SpendOptions {}

/**
 * Whether the emulator accepted a spend (with its generation's id), or refused it as the API would.
 *
 * @since 2.2.0
 * @category models
 */
export type SpendOutcome = Account.SpendOutcome

/**
 * A request as the emulator saw it, with credentials masked.
 *
 * @since 0.1.0
 * @category models
 */
export type SeenRequest = Emulated.SeenRequest

/**
 * A management key the emulator knows by default: it may read `/credits`.
 *
 * @since 0.1.0
 * @category constants
 */
export const managementKey: string = Emulated.MANAGEMENT_KEY

/**
 * An ordinary key the emulator knows by default: `/credits` answers it with the real 403.
 *
 * @since 0.1.0
 * @category constants
 */
export const ordinaryKey: string = Emulated.ORDINARY_KEY

/**
 * The emulator's settings. Every field is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Emulated.EmulatorOptions {}

/**
 * The emulator's controls: script faults, read what it saw, set its state.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorService {
  /** Queues answers for the next requests to `route`; once they are used up, the emulator answers again. */
  readonly script: (route: Route, ...steps: ReadonlyArray<Step>) => Effect.Effect<void>
  /** Every request seen so far, oldest first. */
  readonly requests: ReadonlyArray<SeenRequest>
  /** Every charge created so far, as sent on the wire. */
  readonly charges: ReadonlyArray<unknown>
  /** How many requests were seen and charges created, however many `history` keeps. */
  readonly counts: { readonly requests: number; readonly charges: number }
  /** How many charges each sender address created, however many `history` keeps. */
  readonly chargesBySender: ReadonlyMap<string, number>
  /** Sets the balance `/credits` reports. */
  readonly setBalance: (balance: { readonly totalCredits: number; readonly totalUsage: number }) => Effect.Effect<void>
  /**
   * Sets the spending limit of the ordinary keys and what they used, as `GET /key` reports it (`limit: null`:
   * no limit; what remains is `limit - usage`, never below 0).
   */
  readonly setKeyLimit: (keyLimit: { readonly limit: number | null; readonly usage: number }) => Effect.Effect<void>
  /**
   * Records a generation made with `key` that cost `dollars` (on the Effect clock: `TestClock` decides its day),
   * as the API would: it shows in `/key`'s usage and budgets, `/credits`, `/activity` and `/generation`. Refused,
   * as the API would refuse the request, when a budget or the key's limit is spent (403), the account's credits
   * are (402), or the key is unknown, disabled or expired (401): the outcome says which.
   */
  readonly spend: (
    key: string,
    dollars: number,
    options?: SpendOptions
  ) => Effect.Effect<SpendOutcome>
  /** Replaces the budget layers (see {@link Options.budgets}). */
  readonly setBudgets: (budgets: ReadonlyArray<BudgetOptions>) => Effect.Effect<void>
  /** Switches the Coinbase call between live and `410 Gone`. */
  readonly setCoinbase: (mode: "live" | "gone") => Effect.Effect<void>
  /** Answers one request; what the in-memory client and the loopback server both call. */
  readonly handle: (request: {
    readonly method: string
    readonly path: string
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }) => Effect.Effect<Emulated.Outcome>
}

/**
 * The Context tag of the emulator's controls.
 *
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Service<Emulator, EmulatorService>()("openrouter-effect/testing/Emulator") {}

/**
 * A fresh emulator.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<EmulatorService> =>
  Effect.sync(() => {
    const core = Emulated.makeEmulator(options)
    return {
      script: (route, ...steps) => Effect.sync(() => core.script(route, steps)),
      requests: core.requests,
      charges: core.charges,
      counts: core.counts,
      chargesBySender: core.chargesBySender,
      setBalance: (balance) =>
        Effect.sync(() => {
          core.balance.totalCredits = balance.totalCredits
          core.balance.totalUsage = balance.totalUsage
        }),
      setKeyLimit: (keyLimit) => Effect.sync(() => core.setKeyLimit(keyLimit.limit, keyLimit.usage)),
      spend: (key, dollars, spendOptions = {}) =>
        Effect.map(Clock.currentTimeMillis, (now) => core.spend(key, dollars, spendOptions, now)),
      setBudgets: (budgets) => Effect.sync(() => core.setBudgets(budgets)),
      setCoinbase: (mode) => Effect.sync(() => core.setCoinbase(mode)),
      handle: core.handle
    }
  })

const bodyText = (body: HttpBody.HttpBody): string => {
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Raw":
      return typeof body.body === "string" ? body.body : ""
    default:
      return ""
  }
}

const transportFailure = (phase: "refused" | "reset") =>
  phase === "refused"
    ? Object.assign(new Error("connect ECONNREFUSED (emulated)"), { code: "ECONNREFUSED" })
    : Object.assign(new Error("socket hang up (emulated)"), { code: "ECONNRESET" })

/**
 * An in-memory `HttpClient` answered by `emulator`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const httpClient = (emulator: EmulatorService): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    Effect.flatMap(
      emulator.handle({
        method: request.method,
        path: url.pathname + url.search,
        headers: request.headers,
        body: bodyText(request.body)
      }),
      (outcome) =>
        outcome._tag === "Disconnect"
          ? Effect.fail(
            transportError(request, transportFailure(outcome.phase))
          )
          : Effect.succeed(HttpClientResponse.fromWeb(
            request,
            new Response(Emulated.isBodyless(outcome.status) ? null : outcome.body, {
              status: outcome.status,
              headers: outcome.headers
            })
          ))
    )
  )

/**
 * The emulator as the `HttpClient` of your program, with its controls as {@link Emulator}. Bring your own
 * `OpenRouterConfig` (any base URL works); {@link layer} includes one.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (options: Options = {}): Layer.Layer<HttpClient.HttpClient | Emulator> =>
  unwrapLayer(
    Effect.map(make(options), (emulator) =>
      Layer.merge(Layer.succeed(HttpClient.HttpClient, httpClient(emulator)), Layer.succeed(Emulator, emulator)))
  )

/**
 * Everything an OpenRouter program needs, emulated: an in-memory `HttpClient`, an `OpenRouterConfig` holding
 * the {@link managementKey} (override with `config`), and the {@link Emulator} controls.
 *
 * @example
 * ```ts
 * import { Credits } from "openrouter-effect"
 * import { OpenRouterTest } from "openrouter-effect/testing"
 * import { Effect } from "effect"
 *
 * const test = Effect.gen(function*() {
 *   const emulator = yield* OpenRouterTest.Emulator
 *   yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(2))
 *   const balance = yield* Credits.getCredits // retried after the 429
 *   return [balance.remaining, emulator.requests.length] // [74.75, 2]
 * }).pipe(Effect.provide(OpenRouterTest.layer()))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options & { readonly config?: Partial<OpenRouterConfig.Options> | undefined } = {}
): Layer.Layer<HttpClient.HttpClient | Emulator | OpenRouterConfig.OpenRouterConfig> =>
  Layer.merge(
    layerClient(options),
    OpenRouterConfig.layer({ apiKey: managementKey, baseUrl: "http://openrouter.test/api/v1", ...options.config })
  )

/**
 * The emulator answers as it would without a script.
 *
 * @since 0.1.0
 * @category steps
 */
export const pass: Step = { _tag: "Pass" }

/**
 * An error status with OpenRouter's error envelope. A status that cannot be a final HTTP answer (outside
 * 200-599), or a header that cannot be sent, throws a `TypeError` naming it here, when the step is built. A 204,
 * 205 or 304 is answered without a body, as HTTP requires.
 *
 * @since 0.1.0
 * @category steps
 */
export const status = (
  code: number,
  options: { readonly message?: string; readonly headers?: Record<string, string> } = {}
): Step =>
  Emulated.checkStep(
    Emulated.errorBody(code, options.message ?? `Emulated ${code}`, undefined, options.headers),
    `OpenRouterTest.status(${String(code)})`
  )

/**
 * A 429 with `Retry-After` in whole seconds (from a number or a Duration), when given.
 *
 * @since 0.1.0
 * @category steps
 */
export const rateLimited = (retryAfter?: number | DurationInput): Step =>
  status(429, {
    message: "Rate limit exceeded",
    headers: retryAfter === undefined
      ? {}
      : {
        "retry-after": String(
          typeof retryAfter === "number" ? retryAfter : Math.ceil(Duration.toSeconds(toDuration(retryAfter)))
        )
      }
  })

/**
 * Any status, body and headers, as given; checked as {@link status} checks them.
 *
 * @since 0.1.0
 * @category steps
 */
export const reply = (code: number, body: string | object, headers: Record<string, string> = {}): Step =>
  Emulated.checkStep({
    _tag: "Reply",
    status: code,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers }
  }, `OpenRouterTest.reply(${String(code)})`)

/**
 * Truncated JSON labelled `application/json`.
 *
 * @since 0.1.0
 * @category steps
 */
export const malformedJson = (code = 200): Step =>
  reply(code, "{\"data\":{\"total_credits\":10", { "content-type": "application/json" })

/**
 * An HTML error page, as a proxy in front of the API sends.
 *
 * @since 0.1.0
 * @category steps
 */
export const html = (code = 502): Step =>
  reply(code, `<html><head><title>${code}</title></head><body><h1>${code} Bad Gateway</h1></body></html>`, {
    "content-type": "text/html"
  })

/**
 * A 200 whose body is JSON of the wrong shape.
 *
 * @since 0.1.0
 * @category steps
 */
export const wrongShape: Step = reply(200, { data: { total_credits: "lots", total_usage: null } })

/**
 * Waits `duration` (on the Effect clock, so `TestClock` drives it), then answers with `then`.
 *
 * @since 0.1.0
 * @category steps
 */
export const delay = (duration: DurationInput, then: Step = pass): Step =>
  Emulated.checkStep({ _tag: "Delay", duration: toDuration(duration), then }, "OpenRouterTest.delay")

/**
 * The connection breaks after the request was sent: the server may have acted on it.
 *
 * @since 0.1.0
 * @category steps
 */
export const disconnect: Step = { _tag: "Disconnect", phase: "reset" }

/**
 * The connection is refused: the request never left.
 *
 * @since 0.1.0
 * @category steps
 */
export const refuse: Step = { _tag: "Disconnect", phase: "refused" }

/**
 * The emulator does the work (a POST creates its charge) and then answers with `then` instead of its own
 * answer: a 5xx, a lost connection. The client sees a failure, yet the charge exists, which is why the default
 * POST schedule does not retry such failures.
 *
 * @example
 * ```ts
 * import { OpenRouterTest } from "openrouter-effect/testing"
 *
 * const chargedThenLost = OpenRouterTest.afterProcessing(OpenRouterTest.disconnect)
 * const chargedThen500 = OpenRouterTest.afterProcessing(OpenRouterTest.status(500))
 * ```
 * @since 0.2.0
 * @category steps
 */
export const afterProcessing = (then: Step): Step =>
  Emulated.checkStep({ _tag: "Processed", then }, "OpenRouterTest.afterProcessing")
