import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Schemas } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import {
  decodeOutcome,
  loadDocument,
  OfficialOpenRouter,
  problems,
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
  { file: "spend-openapi.yaml", path: "/key", method: "get", schema: Schemas.GetCurrentKeyResponse }
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
