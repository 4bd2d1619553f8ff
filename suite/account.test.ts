import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { bodyJson, deleteRequest, HttpClient, HttpClientRequest, TestClock } from "../support/seam.js"

// The emulator's account on the wire: what its spend routes refuse, filter and add up, checked against what the
// contract says (spend-openapi.yaml), through raw requests the SDK's own checks would never let through.

const BASE = "http://openrouter.test/api/v1"
const MANAGEMENT = OpenRouterTest.managementKey

const answer = (request: HttpClientRequest.HttpClientRequest, key = MANAGEMENT) =>
  Effect.flatMap(
    HttpClient.HttpClient,
    (client) =>
      Effect.flatMap(
        client.execute(HttpClientRequest.bearerToken(request, key)),
        (response) => Effect.map(response.text, (text) => ({ status: response.status, body: JSON.parse(text) }))
      )
  )

const get = (path: string, key = MANAGEMENT) => answer(HttpClientRequest.get(`${BASE}${path}`), key)
const post = (path: string, body: unknown) => answer(bodyJson(HttpClientRequest.post(`${BASE}${path}`), body))
const patch = (path: string, body: unknown) => answer(bodyJson(HttpClientRequest.patch(`${BASE}${path}`), body))

/** 2026-10-07, a Wednesday, 15:00 UTC. */
const WEDNESDAY = Date.UTC(2026, 9, 7, 15)
const DAY = 86_400_000

const created = (body: Record<string, unknown>) =>
  Effect.map(post("/keys", body), (answer) => answer.body as { data: { hash: string } & Record<string, unknown> })

describe("the emulator's spend routes refuse what the API refuses, with 400 and its reason", () => {
  const bad: ReadonlyArray<readonly [string, () => ReturnType<typeof get>, string]> = [
    ["a key body that is no object", () => post("/keys", ["a"]), "Request body must be a JSON object"],
    ["a key without a name", () => post("/keys", {}), "name: Required"],
    ["a key with an empty name", () => post("/keys", { name: "" }), "name: Required"],
    ["a negative limit", () => post("/keys", { name: "a", limit: -1 }), "limit: Expected a non-negative number"],
    ["a limit as a string", () => post("/keys", { name: "a", limit: "5" }), "limit: Expected a non-negative number"],
    ["an unknown reset", () => post("/keys", { name: "a", limit_reset: "hourly" }), "limit_reset: Invalid enum value"],
    [
      "an expiry without seconds",
      () => post("/keys", { name: "a", expires_at: "2027-12-31T23:59Z" }),
      "expires_at: Must be an ISO 8601 timestamp with seconds"
    ],
    [
      "an expiry as a number",
      () => post("/keys", { name: "a", expires_at: 5 }),
      "expires_at: Must be an ISO 8601 timestamp with seconds"
    ],
    ["an end user without an id", () => post("/keys", { name: "a", external: {} }), "external.user: Required"],
    ["an end user as a string", () => post("/keys", { name: "a", external: "u" }), "external.user: Required"],
    ["a patch that is no object", () => patch("/keys/HASH", "x"), "Request body must be a JSON object"],
    ["an empty patch", () => patch("/keys/HASH", {}), "No update fields provided"],
    ["a patch of unknown fields", () => patch("/keys/HASH", { colour: "red" }), "No update fields provided"],
    ["a name that is no string", () => patch("/keys/HASH", { name: 5 }), "name: Expected string"],
    ["a disabled that is no boolean", () => patch("/keys/HASH", { disabled: "yes" }), "disabled: Expected boolean"],
    ["a negative limit in a patch", () => patch("/keys/HASH", { limit: -2 }), "limit: Expected a non-negative number"],
    ["an unknown reset in a patch", () => patch("/keys/HASH", { limit_reset: "x" }), "limit_reset: Invalid enum value"],
    ["a negative offset", () => get("/keys?offset=-1"), "offset: Expected a non-negative integer"],
    ["a fractional offset", () => get("/keys?offset=1.5"), "offset: Expected a non-negative integer"],
    ["a day out of shape", () => get("/activity?date=2026-10-5"), "date: Must be a UTC day of the last 30"],
    ["a day that is no date", () => get("/activity?date=2026-13-40"), "date: Must be a UTC day of the last 30"],
    ["today, not yet completed", () => get("/activity?date=2026-10-07"), "date: Must be a UTC day of the last 30"],
    ["a day past the 30", () => get("/activity?date=2026-09-06"), "date: Must be a UTC day of the last 30"],
    ["no generation id", () => get("/generation"), "id: Must match ^gen-[0-9A-Za-z-]+$"],
    ["a generation id of another shape", () => get("/generation?id=chatcmpl-1"), "id: Must match"],
    ["a generation id past 128 characters", () => get(`/generation?id=gen-${"a".repeat(125)}`), "id: Must match"]
  ]
  it.effect.each(bad)("%s", ([, request, says]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const { data } = yield* created({ name: "target" })
      const { body, status } = yield* Effect.suspend(request).pipe(
        Effect.provideService(HttpClient.HttpClient, yield* patchedHash(data.hash))
      )
      expect(status).toBe(400)
      expect(body.error.code).toBe(400)
      expect(body.error.message).toContain(says)
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))

  it.effect("the edges of what is accepted: offset 0, the oldest of the 30 days, an id of 128 characters", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      expect((yield* get("/keys?offset=0")).status).toBe(200)
      expect((yield* get("/activity?date=2026-09-07")).status).toBe(200)
      expect((yield* get("/activity?date=2026-10-06")).status).toBe(200)
      expect((yield* get(`/generation?id=gen-${"a".repeat(124)}`)).status).toBe(404)
      expect((yield* post("/keys", { name: "a", limit: 0, expires_at: null, limit_reset: null })).status).toBe(201)
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))
})

/** The client in context, with `HASH` in a request's URL replaced by `hash`. */
const patchedHash = (hash: string) =>
  Effect.map(HttpClient.HttpClient, (client) =>
    HttpClient.mapRequest(client, (request) =>
      request.url.includes("/HASH")
        ? HttpClientRequest.setUrl(request, request.url.replace("/HASH", `/${hash}`))
        : request))

describe("the emulator's keys", () => {
  it.effect("a created key has the settings it was given, or the documented defaults", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const given = (yield* created({
        name: "given",
        limit: 5,
        limit_reset: "weekly",
        include_byok_in_limit: true,
        expires_at: "2027-12-31T23:59:59Z",
        creator_user_id: "user_1",
        workspace_id: "ws-2",
        external: { user: "end-user-7" }
      })).data
      expect(given).toMatchObject({
        name: "given",
        limit: 5,
        limit_reset: "weekly",
        include_byok_in_limit: true,
        expires_at: "2027-12-31T23:59:59.000Z",
        creator_user_id: "user_1",
        workspace_id: "ws-2",
        external_user: "end-user-7",
        disabled: false,
        created_at: new Date(WEDNESDAY).toISOString(),
        updated_at: null
      })
      const plain = (yield* created({ name: "plain" })).data
      expect(plain).toMatchObject({
        limit: null,
        limit_reset: null,
        include_byok_in_limit: false,
        expires_at: null,
        creator_user_id: null,
        external_user: null,
        workspace_id: "0df9e665-d932-5740-b2c7-b52af166bc11"
      })
      expect(plain.hash).not.toBe(given.hash)
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))

  it.effect("a patch changes only the fields it names, and says when", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const { hash } = (yield* created({ name: "a", limit: 5, limit_reset: "daily" })).data
      yield* TestClock.adjust(DAY)
      const renamed = (yield* patch(`/keys/${hash}`, { name: "b" })).body.data
      expect(renamed).toMatchObject({ name: "b", limit: 5, limit_reset: "daily", disabled: false })
      expect(renamed.updated_at).toBe(new Date(WEDNESDAY + DAY).toISOString())
      const changed = (yield* patch(`/keys/${hash}`, {
        disabled: true,
        limit: null,
        limit_reset: "monthly",
        include_byok_in_limit: true,
        workspace_id: "ws-3"
      })).body.data
      expect(changed).toMatchObject({
        name: "b",
        disabled: true,
        limit: null,
        limit_reset: "monthly",
        include_byok_in_limit: true,
        workspace_id: "ws-3"
      })
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))

  it.effect("the list filters by workspace, disabled and expired keys, and pages by offset", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const names = (path: string) =>
        Effect.map(get(path), (answer) => (answer.body.data as Array<{ name: string }>).map((key) => key.name))
      const before = yield* names("/keys")
      const off = (yield* created({ name: "off" })).data
      yield* patch(`/keys/${off.hash}`, { disabled: true })
      yield* created({ name: "gone", expires_at: "2026-10-08T00:00:00Z" })
      yield* created({ name: "elsewhere", workspace_id: "ws-9" })
      expect(yield* names("/keys")).toEqual([...before, "gone"])
      yield* TestClock.adjust(DAY)
      expect(yield* names("/keys")).toEqual(before)
      expect(yield* names("/keys?include_disabled=true")).toEqual([...before, "off"])
      expect(yield* names("/keys?include_expired=true")).toEqual([...before, "gone"])
      expect(yield* names("/keys?include_disabled=false&include_expired=false")).toEqual(before)
      expect(yield* names("/keys?workspace_id=ws-9")).toEqual(["elsewhere"])
      expect(yield* names(`/keys?offset=${before.length}&include_disabled=true`)).toEqual(["off"])
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))

  it.effect("a disabled key is refused with 401 saying so; an expired one too; a removed one is unknown", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      const make = (body: Record<string, unknown>) =>
        Effect.map(post("/keys", body), (answer) => answer.body as { data: { hash: string }; key: string })
      const off = yield* make({ name: "off" })
      yield* patch(`/keys/${off.data.hash}`, { disabled: true })
      const late = yield* make({ name: "late", expires_at: "2026-10-07T16:00:00Z" })
      expect((yield* get("/key", late.key)).status).toBe(200)
      yield* TestClock.adjust(3_600_000)
      expect((yield* get("/key", off.key)).body.error.message).toBe("This API key is disabled.")
      expect((yield* get("/key", late.key)).body.error.message).toBe("This API key has expired.")
      const spent = yield* emulator.spend(off.key, 1)
      expect(spent).toMatchObject({ accepted: false, status: 401, message: "This API key is disabled." })
      const removed = yield* make({ name: "removed" })
      yield* answer(deleteRequest(`${BASE}/keys/${removed.data.hash}`))
      expect((yield* get("/key", removed.key)).status).toBe(401)
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))
})

describe("the emulator's activity and generations", () => {
  it.effect("rows per day, model and provider, filtered by day, key and workspace, every count added up", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY - DAY)
      const emulator = yield* OpenRouterTest.Emulator
      const other = (yield* Effect.map(post("/keys", { name: "other", workspace_id: "ws-5" }), (a) => a.body)) as {
        data: { hash: string }
        key: string
      }
      const tokens = { promptTokens: 10, completionTokens: 4 }
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.25, { byok: 0.5, ...tokens })
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.5, { byok: 0.25, ...tokens })
      yield* emulator.spend(other.key, 1, { model: "m/x", provider: "P" })
      yield* TestClock.adjust(DAY)
      const rows = (yield* get("/activity")).body.data as Array<Record<string, unknown>>
      expect(rows).toHaveLength(2)
      expect(rows[0]).toMatchObject({
        date: "2026-10-06",
        model: "openai/gpt-4.1",
        provider_name: "OpenAI",
        usage: 0.75,
        byok_usage_inference: 0.75,
        requests: 2,
        prompt_tokens: 20,
        completion_tokens: 8
      })
      expect(rows[0]).not.toHaveProperty("workspace_id")
      expect(rows[0]!["endpoint_id"]).not.toBe(rows[1]!["endpoint_id"])
      const only = (query: string) =>
        Effect.map(get(`/activity?${query}`), (a) => (a.body.data as Array<{ model: string }>).map((r) => r.model))
      expect(yield* only(`api_key_hash=${other.data.hash}`)).toEqual(["m/x"])
      expect(yield* only("workspace_id=ws-5")).toEqual(["m/x"])
      expect(yield* only("date=2026-10-05")).toEqual([])
      const grouped = (yield* get("/activity?group_by=workspace")).body.data as Array<{ workspace_id: string }>
      expect(grouped.map((r) => r.workspace_id)).toEqual(["0df9e665-d932-5740-b2c7-b52af166bc11", "ws-5"])
    }).pipe(Effect.provide(OpenRouterTest.layerClient({ keyLimit: { limit: null, usage: 0 } }))))

  it.effect("a generation without BYOK has no upstream cost; its ids follow the contract's shapes", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const spent = yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.125)
      if (!spent.accepted) return expect.fail("the spend was refused")
      const data = (yield* get(`/generation?id=${spent.generationId}`)).body.data
      expect(data).toMatchObject({
        id: spent.generationId,
        upstream_id: `chatcmpl-${spent.generationId.slice(4)}`,
        total_cost: 0.125,
        upstream_inference_cost: null,
        is_byok: false,
        streamed: false,
        cancelled: false,
        finish_reason: "stop"
      })
      expect((yield* get("/generation?id=gen-0")).body.error.message).toBe("Generation not found")
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))
})

describe("the emulator's spend refuses as the API would", () => {
  it.effect("an unknown key (401), a spent budget (403 naming it), spent credits (402)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.Emulator
      expect(yield* emulator.spend("sk-or-v1-nobody", 1)).toMatchObject({ accepted: false, status: 401 })
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 2)
      const refused = yield* emulator.spend(OpenRouterTest.ordinaryKey, 1)
      expect(refused).toMatchObject({ accepted: false, status: 403 })
      expect(refused).toHaveProperty("message", "Budget exceeded (member); resets 2026-10-12T00:00:00.000Z")
      expect(yield* emulator.spend(OpenRouterTest.managementKey, 10)).toMatchObject({ accepted: true })
      expect(yield* emulator.spend(OpenRouterTest.managementKey, 1)).toEqual({
        accepted: false,
        status: 402,
        message: "Insufficient credits"
      })
    }).pipe(Effect.provide(OpenRouterTest.layerClient({
      balance: { totalCredits: 12, totalUsage: 0 },
      keyLimit: { limit: null, usage: 0 },
      budgets: [{ scope: "member", limit: 2, reset: "weekly", keys: [OpenRouterTest.ordinaryKey] }]
    }))))
})
