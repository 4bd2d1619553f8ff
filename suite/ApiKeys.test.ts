import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { ApiKeys, Credits, Retry, Schemas } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { advancing } from "../support/clock.js"
import { API_KEY, decodeOutcome, scoped, successOf } from "../support/seam.js"
import { against, failure, json, transports } from "./support/wire.js"

const withKey = (apiKey: string, retry = Retry.none) => OpenRouterTest.layer({ config: { apiKey, retry } })

/** The 200 example of key-openapi.yaml, as the contract writes it. */
const contractExample = {
  data: {
    byok_usage: 17.38,
    byok_usage_daily: 17.38,
    byok_usage_monthly: 17.38,
    byok_usage_weekly: 17.38,
    creator_user_id: "user_2dHFtVWx2n56w6HkM0000000000",
    expires_at: "2027-12-31T23:59:59Z",
    include_byok_in_limit: false,
    is_free_tier: false,
    is_management_key: false,
    is_provisioning_key: false,
    label: "sk-or-v1-au7...890",
    limit: 100,
    limit_remaining: 74.5,
    limit_reset: "monthly",
    rate_limit: { interval: "1h", note: "This field is deprecated and safe to ignore.", requests: 1000 },
    usage: 25.5,
    usage_daily: 25.5,
    usage_monthly: 25.5,
    usage_weekly: 25.5
  }
}

describe("ApiKeys.getCurrentKey", () => {
  it.effect("an ordinary key reads its own limit and what is left of it", () =>
    Effect.gen(function*() {
      const key = yield* ApiKeys.getCurrentKey
      expect(key).toMatchObject({
        limit: 100,
        limitRemaining: 74.5,
        limitReset: "monthly",
        usage: 25.5,
        isManagementKey: false,
        isFreeTier: false
      })
      expect(key.hasLimit).toBe(true)
      expect(key.label).not.toContain(OpenRouterTest.ordinaryKey)
      const emulator = yield* OpenRouterTest.Emulator
      expect(emulator.requests.map((r) => [r.method, r.path, r.key])).toEqual([["GET", "/api/v1/key", "ordinary"]])
      expect(emulator.requests[0]!.body).toBeUndefined()
    }).pipe(Effect.provide(withKey(OpenRouterTest.ordinaryKey))))

  it.effect("a management key is told apart, and has no limit", () =>
    Effect.gen(function*() {
      const key = yield* ApiKeys.getCurrentKey
      expect([key.isManagementKey, key.limit, key.limitRemaining, key.hasLimit]).toEqual([true, null, null, false])
    }).pipe(Effect.provide(withKey(OpenRouterTest.managementKey))))

  it.effect("follows the emulator's key limit, never below 0", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setKeyLimit({ limit: 10, usage: 9.25 })
      expect((yield* ApiKeys.getCurrentKey).limitRemaining).toBe(0.75)
      yield* emulator.setKeyLimit({ limit: 10, usage: 12 })
      expect((yield* ApiKeys.getCurrentKey).limitRemaining).toBe(0)
      yield* emulator.setKeyLimit({ limit: null, usage: 12 })
      expect((yield* ApiKeys.getCurrentKey).limitRemaining).toBeNull()
    }).pipe(Effect.provide(withKey(OpenRouterTest.ordinaryKey))))

  it.effect("an unknown key: UnauthorizedResponseError, not retried", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ApiKeys.getCurrentKey)
      expect(error._tag).toBe("UnauthorizedResponseError")
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(1)
    }).pipe(Effect.provide(withKey("sk-or-v1-nobody", Retry.defaultSchedule))))

  it.effect("a 500 is retried on the default schedule, then succeeds", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /key", OpenRouterTest.status(500), OpenRouterTest.status(503))
      const key = yield* advancing(ApiKeys.getCurrentKey)
      expect(key.limitRemaining).toBe(74.5)
      expect(emulator.requests).toHaveLength(3)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey } }))))

  it.effect("an apiKey that cannot be a header: RequestValidationError naming getCurrentKey, nothing sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ApiKeys.getCurrentKey)
      expect(error).toMatchObject({
        _tag: "RequestValidationError",
        operation: "getCurrentKey",
        field: "apiKey",
        expected: "a non-empty token of visible ASCII characters, without spaces or line breaks"
      })
      expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
    }).pipe(Effect.provide(withKey("sk-or-v1-bad\nkey"))))

  it.effect("GET /credits with an ordinary key points to ApiKeys.getCurrentKey", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error.message).toContain("ApiKeys.getCurrentKey")
    }).pipe(Effect.provide(withKey(OpenRouterTest.ordinaryKey))))
})

describe("Schemas.GetCurrentKeyResponse", () => {
  const decode = decodeOutcome(Schemas.GetCurrentKeyResponse)

  it("decodes the contract's example into camelCase", () => {
    const key = successOf(decode(contractExample)).data
    expect(key).toMatchObject({
      label: "sk-or-v1-au7...890",
      limit: 100,
      limitRemaining: 74.5,
      limitReset: "monthly",
      usage: 25.5,
      usageDaily: 25.5,
      usageWeekly: 25.5,
      usageMonthly: 25.5,
      byokUsage: 17.38,
      byokUsageDaily: 17.38,
      byokUsageWeekly: 17.38,
      byokUsageMonthly: 17.38,
      includeByokInLimit: false,
      isFreeTier: false,
      isManagementKey: false,
      isProvisioningKey: false,
      creatorUserId: "user_2dHFtVWx2n56w6HkM0000000000",
      rateLimit: { requests: 1000, interval: "1h", note: "This field is deprecated and safe to ignore." }
    })
    expect(key.expiresAt?.toISOString()).toBe("2027-12-31T23:59:59.000Z")
  })

  it("the deprecated fields may be absent; the nullable ones may be null", () => {
    const { is_provisioning_key: _, rate_limit: __, ...rest } = contractExample.data
    const key = successOf(decode({
      data: { ...rest, limit: null, limit_remaining: null, limit_reset: null, expires_at: null, creator_user_id: null }
    })).data
    expect([key.isProvisioningKey, key.rateLimit, key.limit, key.expiresAt, key.creatorUserId]).toEqual([
      undefined,
      undefined,
      null,
      null,
      null
    ])
  })

  it.each(["usage", "limit", "is_management_key", "label"])("a body without %s is refused", (field) => {
    const data: Record<string, unknown> = { ...contractExample.data }
    delete data[field]
    expect(decode({ data })._tag === "Failure").toBe(true)
  })

  it("a body whose limit is not a number or null is refused", () => {
    expect(decode({ data: { ...contractExample.data, limit: "100" } })._tag === "Failure").toBe(true)
  })
})

describe.each(transports)("ApiKeys.getCurrentKey on the wire ($name)", ({ layer }) => {
  scoped("GET /api/v1/key with the bearer token; the contract's body decodes", () =>
    Effect.gen(function*() {
      let seen: { method?: string; url?: string; authorization?: string } = {}
      const { exit } = yield* against(
        layer,
        (request, response) => {
          seen = { method: request.method!, url: request.url!, authorization: request.headers.authorization! }
          json(200, JSON.stringify(contractExample))(request, response)
        },
        ApiKeys.getCurrentKey
      )
      expect(seen).toEqual({ method: "GET", url: "/api/v1/key", authorization: `Bearer ${API_KEY}` })
      expect(Exit.isSuccess(exit) && exit.value.limitRemaining).toBe(74.5)
    }))

  scoped("a 200 of the wrong shape: ResponseValidationError", () =>
    Effect.gen(function*() {
      const { exit } = yield* against(layer, json(200, "{\"data\":{\"label\":1}}"), ApiKeys.getCurrentKey)
      expect(failure(exit)._tag).toBe("ResponseValidationError")
    }))
})
