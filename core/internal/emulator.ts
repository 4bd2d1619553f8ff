import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type Account, type BudgetOptions, hex, makeAccount, type SpendOptions, type SpendOutcome } from "./account.js"
import { HEADER_VALUE, SENSITIVE_HEADER } from "./redact.js"

/**
 * A route of the Credits API.
 *
 * @internal
 */
export type Route =
  | "GET /credits"
  | "GET /key"
  | "POST /credits/coinbase"
  | "GET /keys"
  | "POST /keys"
  | "GET /keys/{hash}"
  | "PATCH /keys/{hash}"
  | "DELETE /keys/{hash}"
  | "GET /activity"
  | "GET /generation"

/**
 * A scripted answer for one request: the emulator's own (`Pass`), a reply, a wait, or a broken connection.
 *
 * @internal
 */
export type Step =
  | { readonly _tag: "Pass" }
  | {
    readonly _tag: "Reply"
    readonly status: number
    readonly body: string
    readonly headers: Readonly<Record<string, string>>
  }
  | { readonly _tag: "Delay"; readonly duration: Duration.Duration; readonly then: Step }
  | { readonly _tag: "Disconnect"; readonly phase: "refused" | "reset" }
  | { readonly _tag: "Processed"; readonly then: Step }

/**
 * What the emulator saw of a request. Credentials are masked: only the key's kind and last 4 characters remain.
 *
 * @internal
 */
export interface SeenRequest {
  readonly method: string
  readonly path: string
  /** The query string, without `?` (empty when there is none). */
  readonly query: string
  readonly route: Route | undefined
  readonly headers: Readonly<Record<string, string>>
  /** Which key authorised it: a management key, an ordinary key, an unknown one, or none. */
  readonly key: "management" | "ordinary" | "unknown" | "missing"
  readonly body: unknown
  /** When it arrived, in milliseconds on the Effect clock (the TestClock in tests). */
  readonly receivedAt: number
}

/**
 * What the emulator answers; a `Disconnect` is a connection failure for the transport to raise.
 *
 * @internal
 */
export type Outcome =
  | {
    readonly _tag: "Reply"
    readonly status: number
    readonly body: string
    readonly headers: Readonly<Record<string, string>>
  }
  | { readonly _tag: "Disconnect"; readonly phase: "refused" | "reset" }

/**
 * @internal
 */
export interface EmulatorOptions {
  /** Keys that may read `/credits`. Default: [`OpenRouterTest.managementKey`]. */
  readonly managementKeys?: ReadonlyArray<string> | undefined
  /** Ordinary keys: valid, but `/credits` answers them 403. Default: [`OpenRouterTest.ordinaryKey`]. */
  readonly keys?: ReadonlyArray<string> | undefined
  /** The balance `/credits` reports. Default: 100.5 credits, 25.75 used. */
  readonly balance?: { readonly totalCredits: number; readonly totalUsage: number } | undefined
  /**
   * The spending limit of the ordinary keys and what they used, as `/key` reports it (`limit: null`: no limit).
   * Default: a $100 limit, $25.50 used. Management keys have no limit.
   */
  readonly keyLimit?: { readonly limit: number | null; readonly usage: number } | undefined
  /**
   * Budget layers over the keys' spend, as `/key` reports them and as {@link spend} enforces them: each with a
   * scope, a limit in dollars, a reset (`daily`, `weekly`, `monthly`, at midnight UTC on the Effect clock; `null`
   * or unset: never) and the keys it binds (default: all). Default: none.
   */
  readonly budgets?: ReadonlyArray<BudgetOptions> | undefined
  /** How many keys one page of `GET /keys` holds. Default: 100. */
  readonly pageSize?: number | undefined
  /** The account's free-model requests per UTC day. Default: 1,000. */
  readonly freeModelDailyLimit?: number | undefined
  /** `"gone"` answers the Coinbase call with today's `410 Gone`. Default: `"live"`. */
  readonly coinbase?: "live" | "gone" | undefined
  /** Scripted answers per route, used in turn before the emulator answers on its own. */
  readonly faults?: Partial<Record<Route, ReadonlyArray<Step>>> | undefined
  /** How many requests and charges to keep (the newest); `counts` still counts them all. Default: all. */
  readonly history?: number | undefined
}

/** The management key every emulator knows unless told otherwise. */
export const MANAGEMENT_KEY = "sk-or-v1-emulator-management"
/** The ordinary key every emulator knows unless told otherwise. */
export const ORDINARY_KEY = "sk-or-v1-emulator-ordinary"

const CHAIN_USDC: Readonly<Record<number, string>> = {
  1: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
  137: "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
  8453: "0x833589fcd6e4eb5d3ab2b1be9b53f9a9ea1b5e7c"
}
const TRANSFERS_CONTRACT = "0xeade6bbe15b4ff4c5bc6d5aa81f1e2b3b6f3b0f2"
const OPERATOR = "0x8fccc1e1d0c49b8e9ad5b1a8b7e53b3b38e0e6d1"
const RECIPIENT = "0x4b5b2fcb7a0d5a3a0f9c1b7c2f8c5b0d4d9e0c11"

type Reply = Extract<Outcome, { readonly _tag: "Reply" }>

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  _tag: "Reply",
  status,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...headers }
})

const encoder = new TextEncoder()

/**
 * A reply as a real server sends it: no body where the status allows none, otherwise the `Content-Length` of a
 * body it has whole.
 */
const withLength = (outcome: Outcome): Outcome => {
  if (outcome._tag !== "Reply") return outcome
  if (isBodyless(outcome.status)) {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(outcome.headers)) {
      const lower = name.toLowerCase()
      if (lower !== "content-length" && lower !== "content-type" && lower !== "transfer-encoding") headers[name] = value
    }
    return { ...outcome, body: "", headers }
  }
  return Object.keys(outcome.headers).some((name) => name.toLowerCase() === "content-length")
    ? outcome
    : { ...outcome, headers: { ...outcome.headers, "content-length": String(encoder.encode(outcome.body).length) } }
}

/**
 * An error status with OpenRouter's error envelope, as the real API sends it.
 *
 * @internal
 */
export const errorBody = (
  status: number,
  message: string,
  errorType?: string,
  headers: Record<string, string> = {}
): Reply =>
  json(status, {
    error: { code: status, message, metadata: errorType === undefined ? null : { error_type: errorType } },
    user_id: null
  }, headers)

const mask = (value: string): string => {
  const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1]
  return `${scheme === undefined ? "" : `${scheme} `}…${value.length > 12 ? value.slice(-4) : ""}`
}

const maskHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADER.test(name) ? mask(value) : value
  }
  return out
}

/**
 * The paths the emulator serves, under the API's real base path: a base URL without `/api/v1` fails in a
 * test as it would in production.
 *
 * @internal
 */
export const API_BASE_PATH = "/api/v1"

const ROUTES: Readonly<Record<string, Route>> = {
  [`GET ${API_BASE_PATH}/credits`]: "GET /credits",
  [`GET ${API_BASE_PATH}/key`]: "GET /key",
  [`POST ${API_BASE_PATH}/credits/coinbase`]: "POST /credits/coinbase",
  [`GET ${API_BASE_PATH}/keys`]: "GET /keys",
  [`POST ${API_BASE_PATH}/keys`]: "POST /keys",
  [`GET ${API_BASE_PATH}/activity`]: "GET /activity",
  [`GET ${API_BASE_PATH}/generation`]: "GET /generation"
}

const KEY_ROUTES: Readonly<Record<string, Route>> = {
  GET: "GET /keys/{hash}",
  PATCH: "PATCH /keys/{hash}",
  DELETE: "DELETE /keys/{hash}"
}

const KEY_PATH = new RegExp(`^${API_BASE_PATH}/keys/([^/]+)$`)

const routeOf = (method: string, path: string): Route | undefined =>
  ROUTES[`${method} ${path}`] ?? (KEY_PATH.test(path) ? KEY_ROUTES[method] : undefined)

const EXPECTED_ROUTES = [
  ...Object.keys(ROUTES),
  ...Object.keys(KEY_ROUTES).map((m) => `${m} ${API_BASE_PATH}/keys/{hash}`)
]
  .join(", ")
const KNOWN_ROUTES = new Set<string>([...Object.values(ROUTES), ...Object.values(KEY_ROUTES)])

/** Statuses whose answer has no body (RFC 9110): the emulator sends none, whatever the step says. */
const BODYLESS = new Set([204, 205, 304])

/**
 * Whether an answer with `status` carries no body.
 *
 * @internal
 */
export const isBodyless = (status: number): boolean => BODYLESS.has(status)

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Why a scripted step cannot be sent as an HTTP answer, or `undefined` when it can.
 *
 * @internal
 */
export const stepProblem = (step: Step): string | undefined => {
  switch (step._tag) {
    case "Reply": {
      if (!Number.isInteger(step.status) || step.status < 200 || step.status > 599) {
        return `status ${String(step.status)} is not a final HTTP status (an integer from 200 to 599)`
      }
      if (typeof step.body !== "string") return "the body is not a string"
      for (const [name, value] of Object.entries(step.headers)) {
        if (!TOKEN.test(name)) return `header name ${JSON.stringify(name)} is not an HTTP token`
        if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
          return `header ${
            JSON.stringify(name)
          } has a value that cannot be sent (line breaks, control or non-Latin-1 characters)`
        }
      }
      return undefined
    }
    case "Delay": {
      if (!Duration.isDuration(step.duration)) return "the delay is not a Duration"
      return stepProblem(step.then)
    }
    case "Pass":
      return undefined
    case "Processed":
      return stepProblem(step.then)
    case "Disconnect":
      return step.phase === "refused" || step.phase === "reset" ? undefined : `unknown disconnect phase`
    default:
      return `unknown step ${JSON.stringify((step as { _tag?: unknown })._tag)}`
  }
}

/**
 * `step`, or a thrown `TypeError` naming what makes it impossible and where it was given.
 *
 * @internal
 */
export const checkStep = <S extends Step>(step: S, where: string): S => {
  const problem = stepProblem(step)
  if (problem !== undefined) throw new TypeError(`${where}: ${problem}`)
  return step
}

const validateCharge = (body: unknown): string | undefined => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "Request body must be a JSON object"
  }
  const { amount, chain_id, sender } = body as Record<string, unknown>
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0) {
    return "amount: Expected a number greater than 0"
  }
  if (typeof sender !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(sender)) {
    return "sender: Invalid Ethereum address"
  }
  if (chain_id !== 1 && chain_id !== 137 && chain_id !== 8453) {
    return "chain_id: Expected 1, 137 or 8453"
  }
  return undefined
}

/**
 * The Credits API in memory: keys, a balance, the charges it creates, scripted faults per route,
 * and every request it saw.
 *
 * @internal
 */
export const makeEmulator = (options: EmulatorOptions = {}) => {
  const balance = {
    totalCredits: options.balance?.totalCredits ?? 100.5,
    totalUsage: options.balance?.totalUsage ?? 25.75
  }
  const keyLimit: { limit: number | null; usage: number } = options.keyLimit === undefined
    ? { limit: 100, usage: 25.5 }
    : { limit: options.keyLimit.limit, usage: options.keyLimit.usage }
  const account: Account = makeAccount({
    management: options.managementKeys ?? [MANAGEMENT_KEY],
    ordinary: options.keys ?? [ORDINARY_KEY],
    balance,
    keyLimit,
    budgets: options.budgets,
    pageSize: options.pageSize,
    freeModelDailyLimit: options.freeModelDailyLimit
  })
  /** The bearer token of each request, kept apart from what `requests` shows. */
  const tokens = new WeakMap<SeenRequest, string>()
  const charges: Array<unknown> = []
  const requests: Array<SeenRequest> = []
  const queues = new Map<Route, Array<Step>>()
  let coinbase = options.coinbase ?? "live"
  const history = options.history ?? Number.POSITIVE_INFINITY
  const counts = { requests: 0, charges: 0 }
  const chargesBySender = new Map<string, number>()
  const keep = <A>(log: Array<A>, item: A) => {
    log.push(item)
    if (log.length > history) log.shift()
  }

  const script = (route: Route, steps: ReadonlyArray<Step>) => {
    if (!KNOWN_ROUTES.has(route)) {
      throw new TypeError(`OpenRouterTest: unknown route ${JSON.stringify(route)}; expected ${EXPECTED_ROUTES}`)
    }
    steps.forEach((step, index) => checkStep(step, `OpenRouterTest: step ${index + 1} for ${route}`))
    const queue = queues.get(route) ?? []
    queue.push(...steps)
    queues.set(route, queue)
  }
  for (const [route, steps] of Object.entries(options.faults ?? {})) {
    script(route as Route, steps ?? [])
  }

  const tokenOf = (headers: Readonly<Record<string, string>>) =>
    /^Bearer (.+)$/.exec(headers["authorization"] ?? "")?.[1]

  const keyOf = (token: string | undefined, nowMillis: number): SeenRequest["key"] => {
    if (token === undefined) return "missing"
    const key = account.authorise(token, nowMillis)
    return "hash" in key ? account.isManagement(key) ? "management" : "ordinary" : "unknown"
  }

  const FORBIDDEN = "Only management keys can perform this operation"

  /** The routes of the spend API, for a key that may be used. */
  const spendAnswer = (seen: SeenRequest, key: Parameters<Account["currentKey"]>[0], now: number): Reply => {
    const query = new URLSearchParams(seen.query)
    const reply = (answer: { readonly status: number; readonly body: unknown }) => json(answer.status, answer.body)
    if (seen.route === "GET /key") return json(200, { data: account.currentKey(key, now) })
    if (seen.route === "GET /generation") return reply(account.generation(query))
    if (!account.isManagement(key)) return errorBody(403, FORBIDDEN, "permission_denied")
    switch (seen.route) {
      case "GET /credits":
        return json(200, { data: account.balance() })
      case "GET /activity":
        return reply(account.activity(query, now))
      case "GET /keys":
        return reply(account.listKeys(query, now))
      case "POST /keys":
        return reply(account.createKey(seen.body, now))
    }
    const target = account.byHash(decodeURIComponent(seen.path.slice(seen.path.lastIndexOf("/") + 1)))
    if (target === undefined) return errorBody(404, "API key not found")
    switch (seen.route) {
      case "PATCH /keys/{hash}":
        return reply(account.updateKey(target, seen.body, now))
      case "DELETE /keys/{hash}":
        return reply(account.removeKey(target))
      default:
        return json(200, { data: account.listed(target, now) })
    }
  }

  const answer = (seen: SeenRequest, nowMillis: number): Outcome => {
    if (seen.route === undefined) {
      return errorBody(
        404,
        `No route for ${seen.method} ${seen.path}: the emulator serves ${EXPECTED_ROUTES} (a base URL ending in ${API_BASE_PATH})`
      )
    }
    if (seen.route === "POST /credits/coinbase" && coinbase === "gone") {
      return errorBody(
        410,
        "The Coinbase APIs used by this endpoint have been deprecated, so the Coinbase Commerce credits API has been removed. Use the web credits purchase flow instead."
      )
    }
    const key = account.authorise(tokens.get(seen), nowMillis)
    if (!("hash" in key)) {
      const { message } = (key.body as { readonly error: { readonly message: string } }).error
      return errorBody(401, message, "authentication")
    }
    if (seen.route !== "POST /credits/coinbase") return spendAnswer(seen, key, nowMillis)
    const invalid = validateCharge(seen.body)
    if (invalid !== undefined) return errorBody(400, invalid, "invalid_request")
    const { amount, chain_id, sender } = seen.body as { amount: number; chain_id: number; sender: string }
    const n = ++counts.charges
    const created = new Date(nowMillis)
    const expires = new Date(nowMillis + 60 * 60 * 1000)
    const units = Math.round(amount * 1_000_000)
    const charge = {
      id: `0${hex(n, 7)}-${hex(n * 7, 4)}-${hex(n * 13, 4)}-${hex(n * 17, 4)}-${hex(n * 19, 12)}`,
      created_at: created.toISOString(),
      expires_at: expires.toISOString(),
      web3_data: {
        transfer_intent: {
          call_data: {
            deadline: expires.toISOString(),
            fee_amount: String(Math.round(units * 0.01)),
            id: `0x${hex(n * 23, 32)}`,
            operator: OPERATOR,
            prefix: "0x4b3220496e204578636861",
            recipient: RECIPIENT,
            recipient_amount: String(units),
            recipient_currency: CHAIN_USDC[chain_id]!,
            refund_destination: sender,
            signature: `0x${hex(n * 29, 130)}`
          },
          metadata: { chain_id, contract_address: TRANSFERS_CONTRACT, sender }
        }
      }
    }
    keep(charges, charge)
    chargesBySender.set(sender, (chargesBySender.get(sender) ?? 0) + 1)
    return json(200, { data: charge })
  }

  /** Runs `step`; once the request was processed (`processed`), a later `Pass` answers with that outcome. */
  const run = (step: Step, seen: SeenRequest, processed?: Outcome): Effect.Effect<Outcome> => {
    switch (step._tag) {
      case "Pass":
        return processed === undefined
          ? Effect.map(Clock.currentTimeMillis, (now) => withLength(answer(seen, now)))
          : Effect.succeed(withLength(processed))
      case "Delay":
        return Effect.andThen(Effect.sleep(step.duration), run(step.then, seen, processed))
      case "Reply":
        return Effect.succeed(withLength(step))
      case "Disconnect":
        return Effect.succeed(step)
      case "Processed":
        return processed === undefined
          ? Effect.flatMap(Clock.currentTimeMillis, (now) => run(step.then, seen, answer(seen, now)))
          : run(step.then, seen, processed)
    }
  }

  const handle = (request: {
    readonly method: string
    readonly path: string
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }): Effect.Effect<Outcome> =>
    Effect.flatMap(Clock.currentTimeMillis, (receivedAt) => {
      const [path = "", query = ""] = request.path.split("#")[0]!.split("?")
      const route = routeOf(request.method, path)
      let body: unknown = undefined
      if (request.body !== "") {
        try {
          body = JSON.parse(request.body)
        } catch {
          body = request.body
        }
      }
      const token = tokenOf(request.headers)
      const seen: SeenRequest = {
        method: request.method,
        path,
        query,
        route,
        headers: maskHeaders(request.headers),
        key: keyOf(token, receivedAt),
        body,
        receivedAt
      }
      if (token !== undefined) tokens.set(seen, token)
      counts.requests++
      keep(requests, seen)
      const step = route === undefined ? undefined : queues.get(route)?.shift()
      return run(step ?? { _tag: "Pass" }, seen)
    })

  return {
    handle,
    script,
    requests: requests as ReadonlyArray<SeenRequest>,
    charges: charges as ReadonlyArray<unknown>,
    balance,
    keyLimit,
    setKeyLimit: (limit: number | null, usage: number) => {
      keyLimit.limit = limit
      keyLimit.usage = usage
      account.applyKeyLimit()
    },
    setBudgets: account.setBudgets,
    spend: (token: string, dollars: number, details: SpendOptions, nowMillis: number): SpendOutcome =>
      account.spend(token, dollars, details, nowMillis),
    counts: counts as Readonly<typeof counts>,
    chargesBySender: chargesBySender as ReadonlyMap<string, number>,
    setCoinbase: (mode: "live" | "gone") => {
      coinbase = mode
    }
  }
}
