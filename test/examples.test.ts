import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Credits } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { AppHttpClient, openRouterLive } from "../examples/own-transport.js"
import { once, onlyRateLimits, yourOwn } from "../examples/retries.js"
import { advancing } from "./support/clock.js"

const run = promisify(execFile)
const root = fileURLToPath(new URL("../", import.meta.url))

describe("examples/retries.ts runs as the README says", () => {
  it.effect("onlyRateLimits retries a 429 with the server's hint", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(3))
      const balance = yield* advancing(Credits.getCredits)
      expect(balance.remaining).toBe(74.75)
      expect(emulator.requests.map((r) => r.receivedAt)).toEqual([0, 3000])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: onlyRateLimits } }))))

  it.effect("once makes one attempt", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(500))
      expect((yield* Effect.flip(once))._tag).toBe("InternalServerResponseError")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("yourOwn retries every 5xx outside (500, 502, 503), seeing each typed error", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script(
        "GET /credits",
        OpenRouterTest.status(500),
        OpenRouterTest.html(502),
        OpenRouterTest.status(503)
      )
      expect((yield* yourOwn).remaining).toBe(74.75)
      expect(emulator.requests).toHaveLength(4)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("yourOwn does not retry a 404", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(404))
      expect((yield* Effect.flip(yourOwn))._tag).toBe("OpenRouterDefaultError")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("examples/compose.ts (the README quick start) runs as shown", () => {
  it.scoped("reads the balance and, when it runs low, creates a charge", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve({ balance: { totalCredits: 10, totalUsage: 5 } })
      const { stdout } = yield* Effect.promise(() =>
        run(process.execPath, ["--conditions=@openrouter-effect/source", "--import", "tsx", "examples/compose.ts"], {
          cwd: root,
          timeout: 60_000,
          env: {
            ...process.env,
            OPENROUTER_API_KEY: OpenRouterTest.managementKey,
            OPENROUTER_BASE_URL: url,
            OPENROUTER_BEARER: OpenRouterTest.ordinaryKey
          }
        })
      )
      expect(stdout).toContain("Used 5 of 10 credits; 5 left")
      expect(stdout).toMatch(/Pay charge \S+ before \d{4}-/)
      expect(emulator.requests.map((r) => [r.route, r.key])).toEqual([
        ["GET /credits", "management"],
        ["POST /credits/coinbase", "ordinary"]
      ])
    }))
})

describe("examples/own-transport.ts runs as the README says", () => {
  it.scoped("OpenRouter calls run on their own transport: none of the app's headers reach it", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(Layer.merge(
          AppHttpClient,
          openRouterLive({ apiKey: OpenRouterTest.managementKey, baseUrl: url })
        ))
      )
      expect(balance.remaining).toBe(74.75)
      expect(emulator.requests[0]!.headers["x-internal-token"]).toBeUndefined()
      expect(emulator.requests[0]!.key).toBe("management")
    }))
})
