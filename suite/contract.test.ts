import { describe, expect, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Activity, ApiKeys, Generations, Keys, OpenRouterConfig, Retry, Schemas } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import {
  decodeOutcome,
  loadDocument,
  OfficialOpenRouter,
  problems,
  requestProblems,
  responseBodies,
  responseSchema,
  scoped,
  SENDER
} from "../support/seam.js"

/** Every response schema of the SDK, against every document in `spec/openrouter/` that describes its operation. */
const contracts = [
  { file: "credits-openapi.yaml", path: "/credits", method: "get", schema: Schemas.GetCreditsResponse },
  { file: "credits-openapi-current.yaml", path: "/credits", method: "get", schema: Schemas.GetCreditsResponse },
  { file: "spend-openapi.yaml", path: "/credits", method: "get", schema: Schemas.GetCreditsResponse },
  {
    file: "credits-openapi.yaml",
    path: "/credits/coinbase",
    method: "post",
    schema: Schemas.CreateCoinbaseChargeResponse
  },
  { file: "key-openapi.yaml", path: "/key", method: "get", schema: Schemas.GetCurrentKeyResponse },
  { file: "spend-openapi.yaml", path: "/key", method: "get", schema: Schemas.GetCurrentKeyResponse },
  { file: "spend-openapi.yaml", path: "/keys", method: "get", schema: Schemas.ListKeysResponse },
  { file: "spend-openapi.yaml", path: "/keys", method: "post", schema: Schemas.CreateKeyResponse },
  { file: "spend-openapi.yaml", path: "/keys/{hash}", method: "get", schema: Schemas.KeyResponse },
  { file: "spend-openapi.yaml", path: "/keys/{hash}", method: "patch", schema: Schemas.KeyResponse },
  { file: "spend-openapi.yaml", path: "/keys/{hash}", method: "delete", schema: Schemas.DeleteKeyResponse },
  { file: "spend-openapi.yaml", path: "/activity", method: "get", schema: Schemas.ActivityResponse },
  { file: "spend-openapi.yaml", path: "/generation", method: "get", schema: Schemas.GenerationResponse }
] as const

describe.each(contracts)("$method $path as $file describes it", ({ file, method, path, schema }) => {
  const bodies = responseBodies(loadDocument(file), path, method)
  const decode = decodeOutcome(schema as never)

  it("the document gives bodies to check", () => {
    expect(bodies.length).toBeGreaterThanOrEqual(5)
  })

  it.each(bodies)("decodes $name", ({ body }) => {
    const decoded = decode(body)
    if (decoded._tag === "Failure") expect.fail(String(decoded.failure))
  })
})

describe("the emulator answers in the newest contract's shape (spend-openapi.yaml)", () => {
  const doc = loadDocument("spend-openapi.yaml")

  scoped.each([
    { name: "GET /key, a management key", path: "/key", key: OpenRouterTest.managementKey },
    { name: "GET /key, an ordinary key with a limit", path: "/key", key: OpenRouterTest.ordinaryKey },
    { name: "GET /credits", path: "/credits", key: OpenRouterTest.managementKey }
  ])("$name", ({ key, path }) =>
    Effect.gen(function*() {
      const { url } = yield* OpenRouterEmulator.serve()
      const response = yield* Effect.promise(() =>
        fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } })
      )
      expect(response.status).toBe(200)
      const body = yield* Effect.promise(() => response.json())
      expect(problems(doc, responseSchema(doc, path, "get"), body)).toEqual([])
    }))

  scoped("POST /credits/coinbase, as credits-openapi.yaml describes it", () =>
    Effect.gen(function*() {
      const credits = loadDocument("credits-openapi.yaml")
      const { url } = yield* OpenRouterEmulator.serve()
      const response = yield* Effect.promise(() =>
        fetch(`${url}/credits/coinbase`, {
          method: "POST",
          headers: { authorization: `Bearer ${OpenRouterTest.managementKey}`, "content-type": "application/json" },
          body: JSON.stringify({ amount: 10, sender: SENDER, chain_id: 8453 })
        })
      )
      expect(response.status).toBe(200)
      const body = yield* Effect.promise(() => response.json())
      expect(problems(credits, responseSchema(credits, "/credits/coinbase", "post"), body)).toEqual([])
    }))

  scoped(
    "the official SDK (@openrouter/sdk 1.3.19, apiKeys.getCurrentKeyMetadata) reads the emulator's /key",
    () =>
      Effect.gen(function*() {
        const { url } = yield* OpenRouterEmulator.serve()
        const official = new OfficialOpenRouter({ apiKey: OpenRouterTest.ordinaryKey, serverURL: url })
        const key = yield* Effect.promise(() => official.apiKeys.getCurrentKeyMetadata())
        expect(key.data.limitRemaining).toBeTypeOf("number")
        expect(key.data.isManagementKey).toBe(false)
      })
  )
})

describe("every request the spend operations send is valid for spend-openapi.yaml", () => {
  const doc = loadDocument("spend-openapi.yaml")
  const as = (apiKey: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provide(
      effect,
      OpenRouterConfig.layer({ apiKey, baseUrl: "http://openrouter.test/api/v1", retry: Retry.none })
    )

  it.effect("Keys, Activity, Generations and ApiKeys, with every option set, and the emulator's answers", () =>
    Effect.gen(function*() {
      const management = as(OpenRouterTest.managementKey)
      const emulator = yield* OpenRouterTest.Emulator
      const spent = yield* emulator.spend(OpenRouterTest.ordinaryKey, 1.25)
      const { apiKey } = yield* management(Keys.create({
        name: "contract",
        limit: 10,
        limitReset: "weekly",
        includeByokInLimit: true,
        expiresAt: new Date(Date.UTC(2027, 11, 31, 23, 59, 59)),
        creatorUserId: "user_1",
        externalUser: "end-user-1"
      }))
      yield* management(Keys.list({ includeDisabled: true, includeExpired: false, offset: 0 }))
      yield* management(Stream.runDrain(Keys.listAll()))
      yield* management(Keys.get(apiKey.hash))
      yield* management(Keys.update(apiKey.hash, { name: "renamed", disabled: true, limit: null, limitReset: null }))
      yield* management(Activity.get({ apiKeyHash: apiKey.hash, userId: "user_1", groupBy: "workspace" }))
      yield* as(OpenRouterTest.ordinaryKey)(Generations.get(spent.accepted ? spent.generationId : "gen-x"))
      yield* as(OpenRouterTest.ordinaryKey)(ApiKeys.spendable)
      yield* management(ApiKeys.spendable)
      yield* management(Keys.remove(apiKey.hash))
      const seen = new Set<string>()
      for (const request of emulator.requests) {
        const [method, template] = request.route!.split(" ") as [string, string]
        seen.add(request.route!)
        const sent = { query: new URLSearchParams(request.query), body: request.body }
        expect(requestProblems(doc, template, method.toLowerCase(), sent), request.route).toEqual([])
      }
      expect([...seen].sort()).toEqual([
        "DELETE /keys/{hash}",
        "GET /activity",
        "GET /credits",
        "GET /generation",
        "GET /key",
        "GET /keys",
        "GET /keys/{hash}",
        "PATCH /keys/{hash}",
        "POST /keys"
      ])
    }).pipe(Effect.provide(OpenRouterTest.layerClient())))

  it("a request the document refuses is found: the check can fail", () => {
    expect(requestProblems(doc, "/generation", "get", { query: new URLSearchParams("id=chatcmpl-1"), body: undefined }))
      .not.toEqual([])
    expect(requestProblems(doc, "/keys", "post", { query: new URLSearchParams(), body: { limit: 3 } })).not.toEqual([])
    expect(requestProblems(doc, "/keys", "get", { query: new URLSearchParams("offset=-1&page=2"), body: undefined }))
      .toHaveLength(2)
  })

  scoped.each([
    { name: "GET /keys", path: "/keys", method: "get", init: {} },
    {
      name: "POST /keys",
      path: "/keys",
      method: "post",
      init: { method: "POST", body: "{\"name\":\"n\",\"limit\":5}" }
    },
    { name: "GET /activity", path: "/activity", method: "get", init: {} }
  ])("the emulator's $name answers as the document says", ({ init, method, path }) =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 2)
      const response = yield* Effect.promise(() =>
        fetch(`${url}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${OpenRouterTest.managementKey}`, "content-type": "application/json" }
        })
      )
      const status = String(response.status)
      expect(status).toMatch(/^20[01]$/)
      const body = yield* Effect.promise(() => response.json())
      expect(problems(doc, responseSchema(doc, path, method, status), body)).toEqual([])
    }))
})
