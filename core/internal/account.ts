/**
 * The emulator's account: its keys, the spend recorded against them, budgets that reset on the clock, and what
 * `/key`, `/credits`, `/keys`, `/activity` and `/generation` answer from them. Plain TypeScript; time is passed
 * in (the Effect clock's, so `TestClock` moves it).
 *
 * @internal
 */
import { nextReset } from "./spendable.js"

/**
 * How often a limit or budget resets: at midnight UTC each day, week (Monday to Sunday) or month; `null`: never.
 *
 * @internal
 */
export type Interval = "daily" | "weekly" | "monthly" | null

/**
 * A budget layer over some keys' spend, as the emulator's options set it.
 *
 * @internal
 */
export interface BudgetOptions {
  /** `member`, `workspace`, `api_key`, … (what `/key` reports as its scope). */
  readonly scope: string
  /** US dollars per period. */
  readonly limit: number
  /** Default: `null`, a lifetime budget. */
  readonly reset?: Interval | undefined
  /** The keys whose spend counts against it and whom it binds. Default: every key. */
  readonly keys?: ReadonlyArray<string> | undefined
  /** Whether BYOK spend counts. Default: `false`. */
  readonly includeByok?: boolean | undefined
}

/**
 * A spend to record: a generation made with a key.
 *
 * @internal
 */
export interface SpendOptions {
  /** Default: `openai/gpt-4.1` (a model ending in `:free` counts against the free-model quota). */
  readonly model?: string | undefined
  /** Default: `OpenAI`. */
  readonly provider?: string | undefined
  /** BYOK spend in US dollars, besides the OpenRouter credits spent. Default: 0. */
  readonly byok?: number | undefined
  readonly promptTokens?: number | undefined
  readonly completionTokens?: number | undefined
  /** When it was spent. Default: now, on the Effect clock. */
  readonly at?: Date | undefined
}

/**
 * What recording a spend came to: accepted (with the generation's id), or refused as the API would refuse the
 * request (402: the account's credits are spent; 403: a budget or the key's limit is).
 *
 * @internal
 */
export type SpendOutcome =
  | { readonly accepted: true; readonly generationId: string }
  | { readonly accepted: false; readonly status: 401 | 402 | 403; readonly message: string }

interface Key {
  readonly token: string
  readonly hash: string
  name: string
  readonly management: boolean
  limit: number | null
  limitReset: Interval
  includeByokInLimit: boolean
  disabled: boolean
  expiresAt: string | null
  readonly createdAt: number
  updatedAt: number | null
  lastUsedAt: number | null
  readonly externalUser: string | null
  readonly creatorUserId: string | null
  workspaceId: string
  /** Usage from before the emulator ran (the `keyLimit` option): counted in every period, never reset. */
  baseUsage: number
}

interface Spent {
  readonly hash: string
  readonly at: number
  readonly usd: number
  readonly byok: number
  readonly model: string
  readonly provider: string
  readonly promptTokens: number
  readonly completionTokens: number
  readonly generationId: string
  readonly workspaceId: string
}

/**
 * An answer of the account: a status and a JSON body.
 *
 * @internal
 */
export interface Answer {
  readonly status: number
  readonly body: unknown
}

const DAY = 86_400_000

/** The workspace keys are in unless told otherwise. */
export const DEFAULT_WORKSPACE = "0df9e665-d932-5740-b2c7-b52af166bc11"

/**
 * `length` hex digits that follow from `seed`: ids that look real and are the same on every run.
 *
 * @internal
 */
export const hex = (seed: number, length: number): string => {
  let out = ""
  let x = seed >>> 0 || 1
  while (out.length < length) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    out += x.toString(16).padStart(8, "0")
  }
  return out.slice(0, length)
}

const hashOf = (token: string): string => {
  let seed = 7
  for (let i = 0; i < token.length; i++) seed = (Math.imul(seed, 31) + token.charCodeAt(i)) >>> 0
  return hex(seed, 64)
}

const cents = (usd: number): number => Math.round(usd * 1e6) / 1e6

/**
 * When the current period of `interval` began, at `nowMillis`.
 *
 * @internal
 */
export const periodStart = (interval: Interval, nowMillis: number): number => {
  const now = new Date(nowMillis)
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  switch (interval) {
    case "daily":
      return midnight
    case "weekly":
      return midnight - ((now.getUTCDay() + 6) % 7) * DAY
    case "monthly":
      return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
    default:
      return Number.NEGATIVE_INFINITY
  }
}

const error = (status: number, message: string): Answer => ({
  status,
  body: { error: { code: status, message, metadata: null }, user_id: null }
})

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)
const isInterval = (u: unknown): u is Interval => u === null || u === "daily" || u === "weekly" || u === "monthly"
const WITH_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A new account with `management` and `ordinary` keys, a balance and budgets.
 *
 * @internal
 */
export const makeAccount = (options: {
  readonly management: ReadonlyArray<string>
  readonly ordinary: ReadonlyArray<string>
  readonly balance: { totalCredits: number; totalUsage: number }
  readonly keyLimit: { limit: number | null; usage: number }
  readonly budgets?: ReadonlyArray<BudgetOptions> | undefined
  readonly pageSize?: number | undefined
  readonly freeModelDailyLimit?: number | undefined
}) => {
  const keys = new Map<string, Key>()
  const spends: Array<Spent> = []
  const budgets = [...(options.budgets ?? [])]
  const pageSize = options.pageSize ?? 100
  let created = 0

  const add = (token: string, management: boolean, settings: Partial<Key> = {}) => {
    const key: Key = {
      token,
      hash: hashOf(token),
      name: management ? "Management key" : "Emulated key",
      management,
      limit: null,
      limitReset: null,
      includeByokInLimit: false,
      disabled: false,
      expiresAt: null,
      createdAt: 0,
      updatedAt: null,
      lastUsedAt: null,
      externalUser: null,
      creatorUserId: "user_emulator",
      workspaceId: DEFAULT_WORKSPACE,
      baseUsage: 0,
      ...settings
    }
    keys.set(token, key)
    return key
  }
  for (const token of options.management) add(token, true)
  for (const token of options.ordinary) add(token, false)

  /** The legacy `keyLimit` setting: the ordinary keys' own monthly limit and their usage before the emulator. */
  const applyKeyLimit = () => {
    for (const token of options.ordinary) {
      const key = keys.get(token)
      if (key === undefined) continue
      key.limit = options.keyLimit.limit
      key.limitReset = options.keyLimit.limit === null ? null : "monthly"
      key.baseUsage = options.keyLimit.usage
    }
  }
  applyKeyLimit()

  const byHash = (hash: string) => [...keys.values()].find((key) => key.hash === hash)

  const expired = (key: Key, now: number) => key.expiresAt !== null && Date.parse(key.expiresAt) <= now

  /** The key a bearer token names, when it may be used at `now`; else why not. */
  const authorise = (token: string | undefined, now: number): Key | Answer => {
    if (token === undefined) return error(401, "Missing Authentication header")
    const key = keys.get(token)
    if (key === undefined) return error(401, "User not found.")
    if (key.disabled) return error(401, "This API key is disabled.")
    if (expired(key, now)) return error(401, "This API key has expired.")
    return key
  }

  const spentBy = (hashes: ReadonlySet<string> | undefined, since: number, byok: boolean) =>
    spends.reduce(
      (sum, s) =>
        s.at >= since && (hashes === undefined || hashes.has(s.hash)) ? sum + s.usd + (byok ? s.byok : 0) : sum,
      0
    )

  const budgetsOf = (key: Key, now: number) => {
    const layers: Array<Record<string, unknown>> = []
    budgets.forEach((budget, index) => {
      const members = budget.keys === undefined ? undefined : new Set(budget.keys.map(hashOf))
      if (members !== undefined && !members.has(key.hash)) return
      const reset = budget.reset ?? null
      const spend = cents(spentBy(members, periodStart(reset, now), budget.includeByok ?? false))
      layers.push({
        scope: budget.scope,
        guardrail_id: `00000000-0000-4000-8000-${hex(index + 1, 12)}`,
        budget_id: null,
        limit_usd: budget.limit,
        spend_usd: spend,
        remaining_usd: cents(budget.limit - spend),
        reset_interval: reset,
        resets_at: nextReset(reset, now)?.toISOString() ?? null,
        include_byok: budget.includeByok ?? false
      })
    })
    if (key.limit !== null) {
      const spend = cents(
        key.baseUsage + spentBy(new Set([key.hash]), periodStart(key.limitReset, now), key.includeByokInLimit)
      )
      layers.push({
        scope: "key_limit",
        guardrail_id: null,
        budget_id: null,
        limit_usd: key.limit,
        spend_usd: spend,
        remaining_usd: cents(key.limit - spend),
        reset_interval: key.limitReset,
        resets_at: nextReset(key.limitReset, now)?.toISOString() ?? null,
        include_byok: key.includeByokInLimit
      })
    }
    return layers
  }

  const effectiveOf = (layers: ReadonlyArray<Record<string, unknown>>) =>
    layers.reduce<Record<string, unknown> | null>(
      (least, layer) =>
        least === null || (layer["remaining_usd"] as number) < (least["remaining_usd"] as number) ? layer : least,
      null
    )

  const usageOf = (key: Key, now: number) => {
    const mine = new Set([key.hash])
    const period = (interval: Interval, share: number) =>
      cents(key.baseUsage * share + spentBy(mine, periodStart(interval, now), false))
    const byok = (interval: Interval) =>
      cents(
        spends.reduce((sum, s) => s.hash === key.hash && s.at >= periodStart(interval, now) ? sum + s.byok : sum, 0)
      )
    return {
      usage: period(null, 1),
      usage_daily: period("daily", 0.1),
      usage_weekly: period("weekly", 1 / 3),
      usage_monthly: period("monthly", 1),
      byok_usage: byok(null),
      byok_usage_daily: byok("daily"),
      byok_usage_weekly: byok("weekly"),
      byok_usage_monthly: byok("monthly")
    }
  }

  const limitRemaining = (key: Key, now: number) => {
    if (key.limit === null) return null
    const own = budgetsOf(key, now).find((layer) => layer["scope"] === "key_limit")
    return Math.max(0, own?.["remaining_usd"] as number)
  }

  const freeModelRequests = (now: number) => {
    const used = spends.filter((s) => s.at >= periodStart("daily", now) && s.model.endsWith(":free")).length
    const limit = options.freeModelDailyLimit ?? 1000
    return { used, limit, remaining: Math.max(0, limit - used) }
  }

  const label = (token: string) => `${token.slice(0, 11)}...${token.slice(-3)}`

  /** `GET /key`'s `data`: what the key is, its usage by period, its budgets. */
  const currentKey = (key: Key, now: number) => {
    const layers = budgetsOf(key, now)
    return {
      label: label(key.token),
      limit: key.limit,
      limit_remaining: limitRemaining(key, now),
      limit_reset: key.limitReset,
      ...usageOf(key, now),
      is_free_tier: false,
      is_management_key: key.management,
      is_provisioning_key: key.management,
      include_byok_in_limit: key.includeByokInLimit,
      expires_at: key.expiresAt,
      creator_user_id: key.creatorUserId,
      rate_limit: { requests: -1, interval: "10s", note: "This field is deprecated and safe to ignore." },
      budgets: layers,
      effective_budget: effectiveOf(layers),
      organization_id: null,
      workspace_id: key.workspaceId,
      allowed_data_regions: ["global"],
      free_model_daily_requests: freeModelRequests(now)
    }
  }

  const iso = (millis: number | null) => millis === null ? null : new Date(millis).toISOString()

  /** A key as the management API lists it. */
  const listed = (key: Key, now: number) => ({
    hash: key.hash,
    name: key.name,
    label: label(key.token),
    disabled: key.disabled,
    limit: key.limit,
    limit_remaining: limitRemaining(key, now),
    limit_reset: key.limitReset,
    include_byok_in_limit: key.includeByokInLimit,
    ...usageOf(key, now),
    created_at: iso(key.createdAt),
    updated_at: iso(key.updatedAt),
    last_used_at: iso(key.lastUsedAt),
    expires_at: key.expiresAt,
    external_user: key.externalUser,
    creator_user_id: key.creatorUserId,
    workspace_id: key.workspaceId
  })

  const balance = () => ({
    total_credits: options.balance.totalCredits,
    total_usage: cents(options.balance.totalUsage + spends.reduce((sum, s) => sum + s.usd, 0))
  })

  const listKeys = (query: URLSearchParams, now: number): Answer => {
    const offset = Number(query.get("offset") ?? "0")
    if (!Number.isSafeInteger(offset) || offset < 0) return error(400, "offset: Expected a non-negative integer")
    const workspace = query.get("workspace_id") ?? DEFAULT_WORKSPACE
    const all = [...keys.values()].filter((key) =>
      key.workspaceId === workspace &&
      (query.get("include_disabled") === "true" || !key.disabled) &&
      (query.get("include_expired") === "true" || !expired(key, now))
    )
    return { status: 200, body: { data: all.slice(offset, offset + pageSize).map((key) => listed(key, now)) } }
  }

  const createKey = (body: unknown, now: number): Answer => {
    if (!isRecord(body)) return error(400, "Request body must be a JSON object")
    const { creator_user_id, expires_at, external, include_byok_in_limit, limit, limit_reset, name, workspace_id } =
      body
    if (typeof name !== "string" || name.length === 0) return error(400, "name: Required")
    if (limit !== undefined && limit !== null && (typeof limit !== "number" || !(limit >= 0))) {
      return error(400, "limit: Expected a non-negative number")
    }
    if (limit_reset !== undefined && !isInterval(limit_reset)) return error(400, "limit_reset: Invalid enum value")
    if (
      expires_at !== undefined && expires_at !== null &&
      (typeof expires_at !== "string" || !WITH_SECONDS.test(expires_at))
    ) {
      return error(400, "expires_at: Must be an ISO 8601 timestamp with seconds")
    }
    if (external !== undefined && (!isRecord(external) || typeof external["user"] !== "string")) {
      return error(400, "external.user: Required")
    }
    // Obviously not a real key: the emulator's keys show up in screenshots and logs of demos.
    const token = `sk-or-v1-emulator-created-${hex(++created * 7919, 16)}`
    const key = add(token, false, {
      name,
      limit: typeof limit === "number" ? limit : null,
      limitReset: (limit_reset as Interval | undefined) ?? null,
      includeByokInLimit: include_byok_in_limit === true,
      expiresAt: typeof expires_at === "string" ? new Date(expires_at).toISOString() : null,
      createdAt: now,
      externalUser: isRecord(external) ? external["user"] as string : null,
      creatorUserId: typeof creator_user_id === "string" ? creator_user_id : null,
      workspaceId: typeof workspace_id === "string" ? workspace_id : DEFAULT_WORKSPACE
    })
    return { status: 201, body: { data: listed(key, now), key: token } }
  }

  const updateKey = (key: Key, body: unknown, now: number): Answer => {
    if (!isRecord(body)) return error(400, "Request body must be a JSON object")
    const fields = ["name", "disabled", "limit", "limit_reset", "include_byok_in_limit", "workspace_id"]
    if (!fields.some((field) => body[field] !== undefined)) return error(400, "No update fields provided")
    const { disabled, include_byok_in_limit, limit, limit_reset, name, workspace_id } = body
    if (name !== undefined && typeof name !== "string") return error(400, "name: Expected string")
    if (disabled !== undefined && typeof disabled !== "boolean") return error(400, "disabled: Expected boolean")
    if (limit !== undefined && limit !== null && (typeof limit !== "number" || !(limit >= 0))) {
      return error(400, "limit: Expected a non-negative number")
    }
    if (limit_reset !== undefined && !isInterval(limit_reset)) return error(400, "limit_reset: Invalid enum value")
    if (typeof name === "string") key.name = name
    if (typeof disabled === "boolean") key.disabled = disabled
    if (limit !== undefined) key.limit = limit as number | null
    if (limit_reset !== undefined) key.limitReset = limit_reset as Interval
    if (typeof include_byok_in_limit === "boolean") key.includeByokInLimit = include_byok_in_limit
    if (typeof workspace_id === "string") key.workspaceId = workspace_id
    key.updatedAt = now
    return { status: 200, body: { data: listed(key, now) } }
  }

  const activity = (query: URLSearchParams, now: number): Answer => {
    const today = periodStart("daily", now)
    const day = (millis: number) => new Date(millis).toISOString().slice(0, 10)
    const date = query.get("date")
    if (date !== null) {
      const at = Date.parse(`${date}T00:00:00Z`)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at) || at >= today || at < today - 30 * DAY) {
        return error(400, "date: Must be a UTC day of the last 30 completed days (YYYY-MM-DD)")
      }
    }
    const keyHash = query.get("api_key_hash")
    const workspace = query.get("workspace_id")
    const byWorkspace = query.get("group_by") === "workspace"
    const rows = new Map<string, Record<string, unknown>>()
    for (const s of spends) {
      if (s.at >= today || s.at < today - 30 * DAY) continue
      if (date !== null && day(s.at) !== date) continue
      if (keyHash !== null && s.hash !== keyHash) continue
      if (workspace !== null && s.workspaceId !== workspace) continue
      const id = [day(s.at), s.model, s.provider, byWorkspace ? s.workspaceId : ""].join("|")
      const row = rows.get(id) ?? {
        date: day(s.at),
        model: s.model,
        model_permaslug: `${s.model}-2025-04-14`,
        endpoint_id: `00000000-0000-4000-8000-${hashOf(`${s.model}|${s.provider}`).slice(0, 12)}`,
        provider_name: s.provider,
        usage: 0,
        byok_usage_inference: 0,
        requests: 0,
        prompt_tokens: 0,
        completion_tokens: 0,
        reasoning_tokens: 0,
        cached_tokens: 0,
        ...(byWorkspace ? { workspace_id: s.workspaceId } : {})
      }
      row["usage"] = cents((row["usage"] as number) + s.usd)
      row["byok_usage_inference"] = cents((row["byok_usage_inference"] as number) + s.byok)
      row["requests"] = (row["requests"] as number) + 1
      row["prompt_tokens"] = (row["prompt_tokens"] as number) + s.promptTokens
      row["completion_tokens"] = (row["completion_tokens"] as number) + s.completionTokens
      rows.set(id, row)
    }
    return { status: 200, body: { data: [...rows.values()] } }
  }

  const generation = (query: URLSearchParams): Answer => {
    const id = query.get("id")
    if (id === null || id.length > 128 || !/^gen-[0-9A-Za-z-]+$/.test(id)) {
      return error(400, "id: Must match ^gen-[0-9A-Za-z-]+$")
    }
    const s = spends.find((spent) => spent.generationId === id)
    if (s === undefined) return error(404, "Generation not found")
    return {
      status: 200,
      body: {
        data: {
          id,
          upstream_id: `chatcmpl-${id.slice(4)}`,
          total_cost: cents(s.usd + s.byok),
          cache_discount: null,
          upstream_inference_cost: s.byok > 0 ? s.byok : null,
          created_at: new Date(s.at).toISOString(),
          model: s.model,
          app_id: null,
          streamed: false,
          cancelled: false,
          provider_name: s.provider,
          latency: 400,
          moderation_latency: null,
          generation_time: 1200,
          finish_reason: "stop",
          service_tier: null,
          tokens_prompt: s.promptTokens,
          tokens_completion: s.completionTokens,
          native_tokens_prompt: s.promptTokens,
          native_tokens_completion: s.completionTokens,
          native_tokens_completion_images: 0,
          native_tokens_reasoning: 0,
          native_tokens_cached: 0,
          num_media_prompt: null,
          num_input_audio_prompt: null,
          num_media_completion: null,
          num_search_results: null,
          num_fetches: null,
          web_search_engine: null,
          origin: "",
          usage: s.usd,
          is_byok: s.byok > 0,
          native_finish_reason: "stop",
          external_user: null,
          api_type: "completions",
          preset_id: null,
          router: null,
          provider_responses: null,
          user_agent: null,
          http_referer: null,
          data_region: "global",
          workspace_id: s.workspaceId
        }
      }
    }
  }

  /** Records a generation made with `token`, or refuses it as the API would. */
  const spend = (token: string, usd: number, details: SpendOptions, clockNow: number): SpendOutcome => {
    const now = details.at === undefined ? clockNow : details.at.getTime()
    const key = authorise(token, now)
    if (!("hash" in key)) {
      return { accepted: false, status: 401, message: (key.body as { error: { message: string } }).error.message }
    }
    const free = (details.model ?? "").endsWith(":free")
    if (free && freeModelRequests(now).remaining === 0) {
      return { accepted: false, status: 403, message: "Free-model daily request limit reached" }
    }
    if (!free) {
      const spent = budgetsOf(key, now).find((layer) => (layer["remaining_usd"] as number) <= 0)
      if (spent !== undefined) {
        return {
          accepted: false,
          status: 403,
          message: `Budget exceeded (${String(spent["scope"])}); resets ${String(spent["resets_at"] ?? "never")}`
        }
      }
      if (balance().total_credits - balance().total_usage <= 0) {
        return { accepted: false, status: 402, message: "Insufficient credits" }
      }
    }
    const generationId = `gen-${hex(spends.length + 1, 24)}`
    spends.push({
      hash: key.hash,
      at: now,
      usd: free ? 0 : usd,
      byok: details.byok ?? 0,
      model: details.model ?? "openai/gpt-4.1",
      provider: details.provider ?? "OpenAI",
      promptTokens: details.promptTokens ?? 100,
      completionTokens: details.completionTokens ?? 50,
      generationId,
      workspaceId: key.workspaceId
    })
    key.lastUsedAt = now
    return { accepted: true, generationId }
  }

  return {
    authorise,
    currentKey,
    balance,
    listKeys,
    createKey,
    byHash,
    listed,
    updateKey,
    removeKey: (key: Key): Answer => {
      keys.delete(key.token)
      return { status: 200, body: { deleted: true } }
    },
    activity,
    generation,
    spend,
    applyKeyLimit,
    setBudgets: (next: ReadonlyArray<BudgetOptions>) => {
      budgets.splice(0, budgets.length, ...next)
    },
    isManagement: (key: Key) => key.management
  }
}

/**
 * @internal
 */
export type Account = ReturnType<typeof makeAccount>
