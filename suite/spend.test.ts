import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Redacted, Schedule, Stream } from "effect"
import {
  Activity,
  ApiKeys,
  type Errors,
  Generations,
  Keys,
  Monitor,
  OpenRouterConfig,
  Retry,
  SpendGuard
} from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { renderings } from "../support/observe.js"
import { type Client, fork, outcome, TestClock } from "../support/seam.js"

const BASE_URL = "http://openrouter.test/api/v1"

type Call = Effect.Effect<unknown, Errors.OpenRouterError, OpenRouterConfig.OpenRouterConfig | Client>

/** `effect` run with `apiKey` against the emulator in context, retries off unless `retry` says otherwise. */
const withKey =
  (apiKey: string, retry: Retry.RetrySchedule = Retry.none) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provide(effect, OpenRouterConfig.layer({ apiKey, baseUrl: BASE_URL, retry }))

const asManagement = withKey(OpenRouterTest.managementKey)
const asOrdinary = withKey(OpenRouterTest.ordinaryKey)

/** 2026-10-07, a Wednesday, 15:00 UTC. */
const WEDNESDAY = Date.UTC(2026, 9, 7, 15)
const DAY = 86_400_000

const account = (options: OpenRouterTest.Options = {}) => OpenRouterTest.layerClient(options)

const requestsTo = (emulator: OpenRouterTest.EmulatorService, route: OpenRouterTest.Route) =>
  emulator.requests.filter((request) => request.route === route)

/** An ordinary key's `/key` from a server that predates budgets: a $100 weekly limit with $74.50 left. */
const olderKey = {
  data: {
    label: "sk-or-v1-au7...890",
    limit: 100,
    limit_remaining: 74.5,
    limit_reset: "weekly",
    include_byok_in_limit: false,
    usage: 25.5,
    usage_daily: 0,
    usage_weekly: 25.5,
    usage_monthly: 25.5,
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
    is_free_tier: false,
    is_management_key: false,
    is_provisioning_key: false,
    expires_at: null,
    creator_user_id: null
  }
}

/** A budget layer of `/key` with `remaining` US dollars left of $100, lifetime. */
const budget = (scope: string, remaining: number) => ({
  scope,
  guardrail_id: null,
  budget_id: null,
  limit_usd: 100,
  spend_usd: 100 - remaining,
  remaining_usd: remaining,
  reset_interval: null,
  resets_at: null,
  include_byok: false
})

describe("ApiKeys.getCurrentKey: today's /key", () => {
  it.effect("decodes the budgets, the binding one, the free-model quota, the workspace and the regions", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const key = yield* asOrdinary(ApiKeys.getCurrentKey)
      expect(key.budgets).toHaveLength(2)
      expect(key.budgets![0]).toMatchObject({ scope: "member", limitUsd: 20, spendUsd: 0, resetInterval: "weekly" })
      expect(key.budgets![0]!.resetsAt?.toISOString()).toBe("2026-10-12T00:00:00.000Z")
      expect(key.effectiveBudget).toMatchObject({ scope: "member", remainingUsd: 20 })
      expect(key.freeModelDailyRequests).toEqual({ used: 0, limit: 1000, remaining: 1000 })
      expect(key.workspaceId).toMatch(/^[0-9a-f-]{36}$/)
      expect(key.allowedDataRegions).toEqual(["global"])
    }).pipe(Effect.provide(account({ budgets: [{ scope: "member", limit: 20, reset: "weekly" }] }))))
})

describe("ApiKeys.spendable", () => {
  it.effect("an ordinary key: its own limit binds, resetting at the start of next month; /credits is not asked", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const now = yield* asOrdinary(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: 74.5, layer: "keyLimit", scope: "key_limit", limit: 100 })
      expect(now.resetsAt?.toISOString()).toBe("2026-11-01T00:00:00.000Z")
      expect(now.accountRemaining).toBeUndefined()
      expect(requestsTo(yield* OpenRouterTest.Emulator, "GET /credits")).toHaveLength(0)
    }).pipe(Effect.provide(account())))

  it.effect("a budget with less left than the key's limit binds, and says its scope and reset", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const now = yield* asOrdinary(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: 10, layer: "budget", scope: "workspace", limit: 10 })
      expect(now.resetsAt?.toISOString()).toBe("2026-10-08T00:00:00.000Z")
    }).pipe(Effect.provide(account({ budgets: [{ scope: "workspace", limit: 10, reset: "daily" }] }))))

  it.effect("a management key reads the account's balance too, and it binds when it is the least", () =>
    Effect.gen(function*() {
      const now = yield* asManagement(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: 74.75, layer: "account", scope: null, resetsAt: null })
      expect(now.accountRemaining).toBe(74.75)
    }).pipe(Effect.provide(account())))

  it.effect("nothing bounds an ordinary key without limit or budget: remaining null, said as unbounded", () =>
    Effect.gen(function*() {
      const now = yield* asOrdinary(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: null, layer: "unbounded", limit: null, resetsAt: null })
    }).pipe(Effect.provide(account({ keyLimit: { limit: null, usage: 3 } }))))

  it.effect("a spent layer binds with 0, never less", () =>
    Effect.gen(function*() {
      const now = yield* asOrdinary(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: 0, layer: "keyLimit" })
    }).pipe(Effect.provide(account({ keyLimit: { limit: 10, usage: 12 } }))))

  it.effect("an older server's /key, without budgets: the key's own limit binds, resetting as limit_reset says", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      yield* (yield* OpenRouterTest.Emulator).script("GET /key", OpenRouterTest.reply(200, olderKey))
      const now = yield* asOrdinary(ApiKeys.spendable)
      expect(now).toMatchObject({ remaining: 74.5, layer: "keyLimit", scope: "key_limit", limit: 100 })
      expect(now.resetsAt?.toISOString()).toBe("2026-10-12T00:00:00.000Z")
    }).pipe(Effect.provide(account())))

  it.effect("a /key with the binding budget only: that budget binds", () =>
    Effect.gen(function*() {
      const body = { data: { ...olderKey.data, effective_budget: budget("workspace", 5) } }
      yield* (yield* OpenRouterTest.Emulator).script("GET /key", OpenRouterTest.reply(200, body))
      expect(yield* asOrdinary(ApiKeys.spendable)).toMatchObject({ remaining: 5, layer: "budget", scope: "workspace" })
    }).pipe(Effect.provide(account())))

  it.effect("the layer with the least left binds, wherever the server lists it; the key's limit counts once", () =>
    Effect.gen(function*() {
      const body = {
        data: {
          ...olderKey.data,
          limit_remaining: 1,
          budgets: [budget("member", 40), budget("workspace", 3), budget("key_limit", 60)]
        }
      }
      yield* (yield* OpenRouterTest.Emulator).script("GET /key", OpenRouterTest.reply(200, body))
      expect(yield* asOrdinary(ApiKeys.spendable)).toMatchObject({ remaining: 3, layer: "budget", scope: "workspace" })
    }).pipe(Effect.provide(account())))

  it.effect("a weekly budget: spent, it refuses; after Monday 00:00 UTC it lets work through again", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      expect(yield* emulator.spend(OpenRouterTest.ordinaryKey, 6)).toMatchObject({ accepted: true })
      expect(yield* emulator.spend(OpenRouterTest.ordinaryKey, 4)).toMatchObject({ accepted: true })
      expect(yield* asOrdinary(ApiKeys.spendable)).toMatchObject({ remaining: 0, layer: "budget", scope: "member" })
      const refused = yield* emulator.spend(OpenRouterTest.ordinaryKey, 1)
      expect(refused).toMatchObject({ accepted: false, status: 403 })
      yield* TestClock.adjust(4 * DAY + 9 * 3_600_000) // Monday 00:00 UTC
      expect(yield* asOrdinary(ApiKeys.spendable)).toMatchObject({ remaining: 10, scope: "member" })
      expect(yield* emulator.spend(OpenRouterTest.ordinaryKey, 1)).toMatchObject({ accepted: true })
    }).pipe(
      Effect.provide(account({ budgets: [{ scope: "member", limit: 10, reset: "weekly" }] }))
    ))

  it.effect("the spend shows in /credits and in the key's usage by period", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 2.5)
      const key = yield* asOrdinary(ApiKeys.getCurrentKey)
      expect(key.usage).toBe(2.5)
      expect([key.usageDaily, key.usageWeekly, key.usageMonthly]).toEqual([2.5, 2.5, 2.5])
      expect((yield* asManagement(ApiKeys.spendable)).accountRemaining).toBe(72.25)
    }).pipe(Effect.provide(account({ keyLimit: { limit: null, usage: 0 } }))))
})

describe("Keys (management key)", () => {
  it.effect("create: the new key comes back once, Redacted, and works; list and get show it, never the key", () =>
    Effect.gen(function*() {
      const created = yield* asManagement(Keys.create({ name: "user 42", limit: 5, limitReset: "weekly" }))
      expect(String(created.key)).toBe("<redacted>")
      expect(created.apiKey).toMatchObject({ name: "user 42", limit: 5, limitReset: "weekly", disabled: false })
      const secret = Redacted.value(created.key)
      expect(yield* withKey(secret)(ApiKeys.spendable)).toMatchObject({ remaining: 5, layer: "keyLimit" })
      const listed = yield* asManagement(Keys.list())
      expect(listed.map((key) => key.hash)).toContain(created.apiKey.hash)
      expect((yield* asManagement(Keys.get(created.apiKey.hash))).name).toBe("user 42")
      const emulator = yield* OpenRouterTest.Emulator
      for (const rendering of renderings({ listed, requests: emulator.requests })) {
        expect(rendering).not.toContain(secret)
      }
    }).pipe(Effect.provide(account())))

  it.effect("update changes a key; remove revokes it: the key then gets 401, its hash 404", () =>
    Effect.gen(function*() {
      const { apiKey, key } = yield* asManagement(Keys.create({ name: "temp" }))
      const renamed = yield* asManagement(Keys.update(apiKey.hash, { name: "renamed", limit: 3 }))
      expect(renamed).toMatchObject({ name: "renamed", limit: 3 })
      yield* asManagement(Keys.remove(apiKey.hash))
      const gone = yield* Effect.flip(asManagement(Keys.get(apiKey.hash)))
      expect(gone._tag).toBe("NotFoundResponseError")
      const revoked = yield* Effect.flip(withKey(Redacted.value(key))(ApiKeys.getCurrentKey))
      expect(revoked._tag).toBe("UnauthorizedResponseError")
    }).pipe(Effect.provide(account())))

  it.effect("list sends its filters: a disabled key is listed only when asked for", () =>
    Effect.gen(function*() {
      const { apiKey } = yield* asManagement(Keys.create({ name: "off" }))
      yield* asManagement(Keys.update(apiKey.hash, { disabled: true }))
      expect((yield* asManagement(Keys.list())).map((key) => key.name)).not.toContain("off")
      const all = yield* asManagement(Keys.list({ includeDisabled: true, includeExpired: false, offset: 0 }))
      expect(all.map((key) => key.name)).toContain("off")
      yield* asManagement(Keys.list({ includeExpired: true, workspaceId: "ws-1", offset: 3 }))
      expect(requestsTo(yield* OpenRouterTest.Emulator, "GET /keys").map((request) => request.query)).toEqual([
        "",
        "include_disabled=true&include_expired=false&offset=0",
        "include_expired=true&workspace_id=ws-1&offset=3"
      ])
    }).pipe(Effect.provide(account())))

  it.effect("listAll streams every page, asking for the next only as it is consumed", () =>
    Effect.gen(function*() {
      for (let i = 0; i < 5; i++) yield* asManagement(Keys.create({ name: `key ${i}` }))
      const emulator = yield* OpenRouterTest.Emulator
      const first = yield* asManagement(Stream.runCollect(Stream.take(Keys.listAll(), 2)))
      expect([...first]).toHaveLength(2)
      expect(requestsTo(emulator, "GET /keys")).toHaveLength(1)
      const all = yield* asManagement(Stream.runCollect(Keys.listAll()))
      // 2 defaults and 5 created, 2 a page: 4 pages and the empty one that ends it
      expect([...all].map((key) => key.name).filter((name) => name.startsWith("key "))).toHaveLength(5)
      expect([...all]).toHaveLength(7)
      expect(requestsTo(emulator, "GET /keys").slice(1).map((request) => request.query)).toEqual([
        "offset=0",
        "offset=2",
        "offset=4",
        "offset=6",
        "offset=7"
      ])
    }).pipe(Effect.provide(account({ pageSize: 2 }))))

  it.effect("the same listAll stream, run twice, lists every key each time", () =>
    Effect.gen(function*() {
      const all = Keys.listAll()
      const first = yield* asManagement(Stream.runCollect(all))
      const second = yield* asManagement(Stream.runCollect(all))
      expect([...second].map((key) => key.hash)).toEqual([...first].map((key) => key.hash))
      expect([...first]).toHaveLength(2)
    }).pipe(Effect.provide(account())))

  it.effect("listAll ends at a page of keys it has seen: a server that ignores offset does not loop", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const page = yield* emulator.handle({
        method: "GET",
        path: "/api/v1/keys",
        headers: { authorization: `Bearer ${OpenRouterTest.managementKey}` },
        body: ""
      })
      if (page._tag !== "Reply") return expect.fail("the emulator did not answer")
      yield* emulator.script("GET /keys", ...Array<OpenRouterTest.Step>(5).fill(OpenRouterTest.reply(200, page.body)))
      const all = yield* asManagement(Stream.runCollect(Keys.listAll()))
      expect([...all]).toHaveLength(2)
      expect(requestsTo(emulator, "GET /keys")).toHaveLength(3)
    }).pipe(Effect.provide(account())))

  it.effect.each(
    [
      ["an empty patch", () => Keys.update("abc", {}), "updateKey", "patch", "at least one of name, disabled"],
      [
        "a flag that is not one",
        () => Keys.update("abc", { disabled: "yes" as never }),
        "updateKey",
        "disabled",
        "true"
      ],
      ["a hash with a slash", () => Keys.update("a/b", { name: "x" }), "updateKey", "hash", "the key's hash"],
      ["a hash with dots", () => Keys.get("../credits"), "getKey", "hash", "the key's hash"],
      ["an empty hash", () => Keys.remove(""), "removeKey", "hash", "the key's hash"],
      ["no options", () => Keys.create(null as never), "createKey", "options", "an object with at least a name"],
      [
        "options that are text",
        () => Keys.create("x" as never),
        "createKey",
        "options",
        "an object with at least a name"
      ],
      ["an empty name", () => Keys.create({ name: " " }), "createKey", "name", "1 to 1,000 characters"],
      [
        "an expiry without seconds",
        () => Keys.create({ name: "x", expiresAt: "2027-12-31T23:59Z" }),
        "createKey",
        "expiresAt",
        "with seconds"
      ],
      [
        "an invalid Date",
        () => Keys.create({ name: "x", expiresAt: new Date(Number.NaN) }),
        "createKey",
        "expiresAt",
        "a valid Date"
      ],
      [
        "an expiry that is no time",
        () => Keys.create({ name: "x", expiresAt: "2027-12-31T25:61:61Z" }),
        "createKey",
        "expiresAt",
        "ISO 8601"
      ],
      ["a negative limit", () => Keys.create({ name: "x", limit: -1 }), "createKey", "limit", "0 or more"],
      [
        "an unknown reset",
        () => Keys.create({ name: "x", limitReset: "hourly" as never }),
        "createKey",
        "limitReset",
        "daily, weekly, monthly or null"
      ],
      [
        "a BYOK flag that is not one",
        () => Keys.create({ name: "x", includeByokInLimit: 1 as never }),
        "createKey",
        "includeByokInLimit",
        "true or false"
      ],
      [
        "an empty creator",
        () => Keys.create({ name: "x", creatorUserId: "" }),
        "createKey",
        "creatorUserId",
        "a user id"
      ],
      [
        "a long end-user id",
        () => Keys.create({ name: "x", externalUser: "u".repeat(513) }),
        "createKey",
        "externalUser",
        "1 to 512 characters"
      ],
      [
        "an empty workspace",
        () => Keys.create({ name: "x", workspaceId: "" }),
        "createKey",
        "workspaceId",
        "a workspace id"
      ],
      ["a negative offset", () => Keys.list({ offset: -2 }), "listKeys", "offset", "a whole number of keys to skip"],
      ["a fractional offset", () => Keys.list({ offset: 1.5 }), "listKeys", "offset", "a whole number of keys to skip"],
      [
        "a filter that is not a flag",
        () => Keys.list({ includeDisabled: "true" as never }),
        "listKeys",
        "includeDisabled",
        "true or false"
      ],
      [
        "an expired filter that is not a flag",
        () => Keys.list({ includeExpired: 1 as never }),
        "listKeys",
        "includeExpired",
        "true or false"
      ],
      ["an empty workspace filter", () => Keys.list({ workspaceId: "" }), "listKeys", "workspaceId", "a workspace id"],
      [
        "a bad filter on the stream",
        () => Stream.runDrain(Keys.listAll({ includeExpired: "no" as never })),
        "listKeys",
        "includeExpired",
        "true or false"
      ],
      ["a bad generation id", () => Generations.get("chatcmpl-1"), "getGeneration", "id", "gen- followed by"],
      [
        "a generation id past 128 characters",
        () => Generations.get(`gen-${"a".repeat(125)}`),
        "getGeneration",
        "id",
        "at most 128"
      ],
      [
        "a generation id that is no string",
        () => Generations.get(42 as never),
        "getGeneration",
        "id",
        "a generation id"
      ],
      ["a day out of shape", () => Activity.get({ date: "2026-13-40" }), "getActivity", "date", "YYYY-MM-DD"],
      ["a day with a signed year", () => Activity.get({ date: "+002026-10-01" }), "getActivity", "date", "YYYY-MM-DD"],
      ["an empty key hash", () => Activity.get({ apiKeyHash: "" }), "getActivity", "apiKeyHash", "a key's hash"],
      ["an empty user", () => Activity.get({ userId: " " }), "getActivity", "userId", "a user id"],
      [
        "an empty workspace for activity",
        () => Activity.get({ workspaceId: "" }),
        "getActivity",
        "workspaceId",
        "a workspace id"
      ],
      [
        "a grouping the API lacks",
        () => Activity.get({ groupBy: "model" as never }),
        "getActivity",
        "groupBy",
        "\"workspace\""
      ]
    ] as const
  )("%s is refused before anything is sent", ([, effect, operation, field, expected]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(asManagement(effect() as Call))
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation, field })
      expect(error.message).toContain(expected)
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(account())))

  it.effect.each(
    [
      ["a name of exactly 1,000 characters", () => Keys.create({ name: "n".repeat(1_000) })],
      ["a limit of 0", () => Keys.create({ name: "x", limit: 0 })],
      ["an end-user id of exactly 512 characters", () => Keys.create({ name: "x", externalUser: "u".repeat(512) })],
      ["a limit and its reset cleared with null", () => Keys.update("abc", { limit: null, limitReset: null })],
      ["a hash of 128 characters, of each kind allowed", () => Keys.get(`aZ0_-${"a".repeat(123)}`)],
      ["an activity filter of 128 characters", () => Activity.get({ apiKeyHash: "h".repeat(128) })],
      ["a daily reset", () => Keys.create({ name: "x", limit: 1, limitReset: "daily" })],
      ["a weekly reset", () => Keys.update("abc", { limitReset: "weekly" })],
      ["a monthly reset", () => Keys.update("abc", { limitReset: "monthly" })]
    ] as const
  )("%s is at the edge of what is allowed: it is sent", ([, effect]) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(asManagement(effect() as Call))
      const failed = exit._tag === "Failure" ? JSON.stringify(exit.cause) : ""
      expect(failed).not.toContain("RequestValidationError")
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(1)
    }).pipe(Effect.provide(account())))

  it.effect("a hash that is a number, not text, is refused before anything is sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(asManagement(Keys.get(12_345 as never)))
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "getKey", field: "hash" })
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(account())))

  it.effect("a key that cannot be a header is refused as apiKey, before anything is sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(withKey("sk-or-v1 with spaces")(Keys.list()))
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "listKeys", field: "apiKey" })
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(account())))

  it.effect("an input that throws when read is refused as that field, not a defect, and nothing is sent", () =>
    Effect.gen(function*() {
      const options = {
        get name(): string {
          throw new Error("a getter that throws")
        }
      }
      const error = yield* Effect.flip(asManagement(Keys.create(options)))
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "createKey", field: "name" })
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(account())))

  it.effect("input is checked when the effect runs, not when it is made", () =>
    Effect.gen(function*() {
      const options: { name: string } = { name: " " }
      const create = Keys.create(options)
      options.name = "made before its name was set"
      yield* asManagement(create)
      expect(requestsTo(yield* OpenRouterTest.Emulator, "POST /keys")).toHaveLength(1)
    }).pipe(Effect.provide(account())))

  it.effect("an expiry as a Date or with seconds is sent with seconds; null is sent as no expiry", () =>
    Effect.gen(function*() {
      yield* asManagement(Keys.create({ name: "a", expiresAt: new Date(Date.UTC(2027, 11, 31, 23, 59)) }))
      yield* asManagement(Keys.create({ name: "b", expiresAt: "2027-12-31T23:59:59Z" }))
      yield* asManagement(Keys.create({ name: "c", expiresAt: null }))
      const bodies = requestsTo(yield* OpenRouterTest.Emulator, "POST /keys").map((r) => r.body)
      expect(bodies).toEqual([
        { name: "a", expires_at: "2027-12-31T23:59:00.000Z" },
        { name: "b", expires_at: "2027-12-31T23:59:59Z" },
        { name: "c", expires_at: null }
      ])
    }).pipe(Effect.provide(account())))

  it.effect("an ordinary key is refused with a 403 that says a management key is needed", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(asOrdinary(Keys.list()))
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error.message).toContain("management key")
    }).pipe(Effect.provide(account())))

  it.effect.each(
    [
      ["create", "POST /keys", Keys.create({ name: "x" })],
      ["update", "PATCH /keys/{hash}", Keys.update("abc", { disabled: true })],
      ["remove", "DELETE /keys/{hash}", Keys.remove("abc")]
    ] as const
  )(
    "%s is sent once after an answer that may have acted, even under a retrying schedule",
    ([, route, effect]) =>
      Effect.gen(function*() {
        const emulator = yield* OpenRouterTest.Emulator
        yield* emulator.script(route, OpenRouterTest.status(500), OpenRouterTest.status(500))
        const error = yield* Effect.flip(
          withKey(OpenRouterTest.managementKey, Schedule.recurs(3))(effect as Call)
        )
        expect(error._tag).toBe("InternalServerResponseError")
        expect(requestsTo(emulator, route)).toHaveLength(1)
      }).pipe(Effect.provide(account()))
  )

  it.effect("create is sent again after a 429, which provably did nothing", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("POST /keys", OpenRouterTest.rateLimited(1))
      const fiber = yield* fork(
        withKey(OpenRouterTest.managementKey, Retry.defaultPostSchedule)(Keys.create({ name: "x" }))
      )
      yield* TestClock.adjust("5 seconds")
      expect((yield* Fiber.join(fiber)).apiKey.name).toBe("x")
      expect(requestsTo(emulator, "POST /keys")).toHaveLength(2)
    }).pipe(Effect.provide(account())))

  it.effect("a created key that a broken answer carries never reaches the error", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const secret = "sk-or-v1-fake-key-for-tests-only"
      yield* emulator.script("POST /keys", OpenRouterTest.reply(201, { key: secret, data: { name: 1 } }))
      const error = yield* Effect.flip(asManagement(Keys.create({ name: "x" })))
      expect(error._tag).toBe("ResponseValidationError")
      for (const rendering of renderings(error)) expect(rendering).not.toContain(secret)
    }).pipe(Effect.provide(account())))
})

describe("Activity and Generations", () => {
  it.effect("activity covers the completed days, with totals by day, model and provider", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* TestClock.setTime(WEDNESDAY - 2 * DAY)
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 1.5, { model: "openai/gpt-4.1", provider: "OpenAI" })
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.5, {
        model: "anthropic/claude-sonnet-4",
        provider: "Anthropic"
      })
      yield* TestClock.adjust(DAY)
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 2, { model: "openai/gpt-4.1", provider: "Azure" })
      yield* TestClock.adjust(DAY)
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 9) // today: not in the activity yet
      const items = yield* asManagement(Activity.get())
      expect(Activity.total(items)).toMatchObject({ usage: 4, requests: 3 })
      expect(Activity.totalBy(items, "day").map((t) => [t.key, t.usage])).toEqual([
        ["2026-10-05", 2],
        ["2026-10-06", 2]
      ])
      expect(Activity.totalBy(items, "model").map((t) => [t.key, t.usage])).toEqual([
        ["openai/gpt-4.1", 3.5],
        ["anthropic/claude-sonnet-4", 0.5]
      ])
      expect(Activity.totalBy(items, "provider").map((t) => t.key)).toEqual(["Azure", "OpenAI", "Anthropic"])
      const oneDay = yield* asManagement(Activity.get({ date: "2026-10-06" }))
      expect(Activity.total(oneDay).usage).toBe(2)
      expect(requestsTo(emulator, "GET /activity").at(-1)!.query).toBe("date=2026-10-06")
    }).pipe(Effect.provide(account({ keyLimit: { limit: null, usage: 0 } }))))

  it("totals add up every field, in whole millionths of a dollar; a row without cached tokens counts none", () => {
    const row = (date: string, model: string, provider: string, usage: number, cachedTokens?: number) => ({
      date,
      model,
      modelPermaslug: model,
      endpointId: "e",
      providerName: provider,
      usage,
      byokUsageInference: 0.1,
      requests: 2,
      promptTokens: 10,
      completionTokens: 20,
      reasoningTokens: 5,
      ...(cachedTokens === undefined ? {} : { cachedTokens })
    })
    const items = [
      row("2026-10-06", "b/model", "Zeta", 0.3, 4),
      row("2026-10-05", "a/model", "Alpha", 0.2),
      row("2026-10-06", "c/model", "Alpha", 0.2, 6)
    ]
    expect(Activity.total(items)).toEqual({
      key: "all",
      usage: 0.7,
      byokUsage: 0.3,
      requests: 6,
      promptTokens: 30,
      completionTokens: 60,
      reasoningTokens: 15,
      cachedTokens: 10
    })
    // by day: oldest first, whatever was spent; by model or provider: most spent first, then by name
    const keys = (rows: typeof items, by: "day" | "model" | "provider") => Activity.totalBy(rows, by).map((t) => t.key)
    for (const rows of [items, [...items].reverse()]) {
      expect(keys(rows, "day")).toEqual(["2026-10-05", "2026-10-06"])
      expect(keys(rows, "model")).toEqual(["b/model", "a/model", "c/model"])
      expect(keys(rows, "provider")).toEqual(["Alpha", "Zeta"])
    }
    expect(Activity.totalBy(items, "day").map((t) => t.usage)).toEqual([0.2, 0.5])
    expect(Activity.totalBy(items, "provider").map((t) => t.usage)).toEqual([0.4, 0.3])
  })

  it.effect("a generation's cost, with any key; an unknown one is NotFoundResponseError", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const spent = yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.0125, { byok: 0.002 })
      if (!spent.accepted) return expect.fail("the spend was refused")
      const generation = yield* asOrdinary(Generations.get(spent.generationId))
      expect(generation).toMatchObject({ id: spent.generationId, usage: 0.0125, totalCost: 0.0145, isByok: true })
      expect(generation.upstreamInferenceCost).toBe(0.002)
      const longest = yield* Effect.flip(asOrdinary(Generations.get(`gen-${"a".repeat(124)}`)))
      expect(longest._tag).toBe("NotFoundResponseError")
      const missing = yield* Effect.flip(asOrdinary(Generations.get("gen-unknown")))
      expect(missing._tag).toBe("NotFoundResponseError")
      expect(missing.message).toContain("404")
    }).pipe(Effect.provide(account())))

  it.effect("free-model requests count against the day's quota, and it resets at midnight UTC", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 0, { model: "meta/llama:free" })
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 0, { model: "meta/llama:free" })
      expect(yield* emulator.spend(OpenRouterTest.ordinaryKey, 0, { model: "meta/llama:free" })).toMatchObject({
        accepted: false,
        status: 403
      })
      expect((yield* asOrdinary(ApiKeys.getCurrentKey)).freeModelDailyRequests).toEqual({
        used: 2,
        limit: 2,
        remaining: 0
      })
      yield* TestClock.adjust(9 * 3_600_000)
      expect((yield* asOrdinary(ApiKeys.getCurrentKey)).freeModelDailyRequests).toEqual({
        used: 0,
        limit: 2,
        remaining: 2
      })
    }).pipe(Effect.provide(account({ freeModelDailyLimit: 2 }))))
})

describe("the new statuses", () => {
  it.effect.each(
    [
      [402, "PaymentRequiredResponseError", "Add credits"],
      [404, "NotFoundResponseError", "Check the id"],
      [409, "ConflictResponseError", "Read the resource again"],
      [502, "BadGatewayResponseError", "transient"],
      [524, "EdgeNetworkTimeoutResponseError", "transient"],
      [529, "ProviderOverloadedResponseError", "overloaded"]
    ] as const
  )("%i is %s, with a message that says what to do", ([status, tag, hint]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /generation", OpenRouterTest.status(status, { message: "upstream said so" }))
      const error = yield* Effect.flip(asOrdinary(Generations.get("gen-1")))
      expect(error._tag).toBe(tag)
      expect(error.message).toContain(hint)
      expect(error.message).toContain("upstream said so")
      expect(Retry.isTransient(error)).toBe(status >= 500)
    }).pipe(Effect.provide(account())))

  it.effect("a 403 from a budget says so, with the budget and its reset when the server names them", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script(
        "GET /generation",
        OpenRouterTest.reply(403, {
          error: {
            code: 403,
            message: "Budget exceeded",
            metadata: { scope: "member", resets_at: "2026-10-12T00:00:00.000Z" }
          }
        })
      )
      const error = yield* Effect.flip(asOrdinary(Generations.get("gen-1")))
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error.message).toContain("A budget layer or the key's limit is spent (member)")
      expect(error.message).toContain("it resets at 2026-10-12T00:00:00.000Z")
      expect(error.message).toContain("ApiKeys.spendable")
      const keys = yield* Effect.flip(asOrdinary(Keys.list()))
      expect(keys.message).toContain("needs a management key")
    }).pipe(Effect.provide(account())))

  it.effect("a 529 with Retry-After is retried after the wait the server asked for", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /generation", OpenRouterTest.status(529, { headers: { "retry-after": "3" } }))
      const spent = yield* emulator.spend(OpenRouterTest.ordinaryKey, 1)
      const id = spent.accepted ? spent.generationId : "gen-x"
      const fiber = yield* fork(
        outcome(withKey(OpenRouterTest.ordinaryKey, Retry.defaultSchedule)(Generations.get(id)))
      )
      yield* TestClock.adjust("3 seconds")
      expect((yield* Fiber.join(fiber))._tag).toBe("Success")
      const requests = requestsTo(emulator, "GET /generation")
      expect(requests).toHaveLength(2)
      expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBe(3000)
    }).pipe(Effect.provide(account())))
})

describe("SpendGuard and Monitor on the key source: the binding layer", () => {
  const weekly = account({ budgets: [{ scope: "member", limit: 10, reset: "weekly" }] })

  it.effect("the guard refuses once the weekly budget is spent, naming it and its reset, and lets work through after", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      const guard = yield* asOrdinary(SpendGuard.make({ source: "key", ttl: "1 minute" }))
      yield* guard.require(1)
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 10)
      yield* guard.require(1) // the reading is a minute old at most: it still says $10
      yield* guard.refresh
      const refused = yield* Effect.flip(guard.require(1))
      expect(refused).toMatchObject({
        _tag: "InsufficientCreditsError",
        remaining: 0,
        source: "key",
        scope: "member",
        resetsAt: "2026-10-12T00:00:00.000Z"
      })
      expect(refused.message).toContain("of the member budget")
      expect(refused.message).toContain("It resets at 2026-10-12T00:00:00.000Z")
      yield* TestClock.adjust(4 * DAY + 9 * 3_600_000)
      yield* guard.require(1)
      expect(requestsTo(emulator, "GET /key")).toHaveLength(3)
    }).pipe(Effect.provide(weekly)))

  it.effect("a watch with thresholds as shares of the binding limit says Low and Recovered, with the layer", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      const watch = Monitor.watchBalance({
        source: "key",
        low: { share: 0.2 },
        recover: { share: 0.5 },
        schedule: Schedule.spaced("1 hour")
      })
      const fiber = yield* fork(asOrdinary(Stream.runCollect(Stream.take(watch, 5))))
      yield* TestClock.adjust("1 minute")
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 9)
      yield* TestClock.adjust("1 hour")
      yield* TestClock.adjust(4 * DAY + 8 * 3_600_000)
      const events = [...(yield* Fiber.join(fiber))]
      expect(events.map((event) => event._tag)).toEqual(["Observed", "Changed", "Low", "Changed", "Recovered"])
      expect(events[2]).toMatchObject({ remaining: 1, threshold: 2, scope: "member" })
      expect((events[2] as { readonly resetsAt?: Date }).resetsAt?.toISOString()).toBe("2026-10-12T00:00:00.000Z")
      expect(events[4]).toMatchObject({ remaining: 10, threshold: 5 })
    }).pipe(Effect.provide(weekly)))

  it.effect("a share above 1 is refused before the first poll", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        asOrdinary(Stream.runDrain(Monitor.watchBalance({ source: "key", low: { share: 2 } })))
      )
      expect(error).toMatchObject({ _tag: "RequestValidationError", field: "low.share" })
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(account())))
})
