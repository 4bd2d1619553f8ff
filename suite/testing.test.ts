import { describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Fiber, Layer } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Retry, Schemas } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { advancing } from "../support/clock.js"
import { bodyJson, fork, HttpClient, HttpClientRequest, outcome, scoped, SENDER, TestClock } from "../support/seam.js"
import { refusingOrigin } from "./support/ports.js"

const charge = (bearer = OpenRouterTest.ordinaryKey) =>
  Credits.createCoinbaseCharge({ bearer }, { amount: 25, sender: SENDER, chainId: Schemas.Chain.Polygon })

const withKey = (apiKey: string) => OpenRouterTest.layer({ config: { apiKey, retry: Retry.none } })

describe("OpenRouterTest.layer", () => {
  it.effect("answers getCredits for the management key with its balance", () =>
    Effect.gen(function*() {
      const balance = yield* Credits.getCredits
      expect([balance.totalCredits, balance.totalUsage, balance.remaining]).toEqual([100.5, 25.75, 74.75])
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 10, totalUsage: 9 })
      expect((yield* Credits.getCredits).remaining).toBe(1)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("takes the balance as an option", () =>
    Effect.gen(function*() {
      expect((yield* Credits.getCredits).remaining).toBe(5)
    }).pipe(Effect.provide(OpenRouterTest.layer({ balance: { totalCredits: 5, totalUsage: 0 } }))))

  it.effect("gives an ordinary key the real 403 on /credits", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error._tag === "ForbiddenResponseError" && error.error).toEqual({
        code: 403,
        message: "Only management keys can perform this operation",
        metadata: { error_type: "permission_denied" }
      })
    }).pipe(Effect.provide(withKey(OpenRouterTest.ordinaryKey))))

  it.effect("gives an unknown key 401", () =>
    Effect.gen(function*() {
      expect((yield* Effect.flip(Credits.getCredits))._tag).toBe("UnauthorizedResponseError")
    }).pipe(Effect.provide(withKey("sk-or-v1-nobody"))))

  it.effect("gives a request without Authorization 401 Missing Authentication header", () =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(HttpClientRequest.get("http://openrouter.test/api/v1/credits"))
      expect(response.status).toBe(401)
      expect(yield* response.json).toMatchObject({ error: { code: 401, message: "Missing Authentication header" } })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("creates charges in the documented shape and keeps them", () =>
    Effect.gen(function*() {
      const created = yield* charge()
      expect(created.web3Data.transferIntent.metadata).toMatchObject({ chainId: 137, sender: SENDER })
      expect(created.web3Data.transferIntent.callData.recipientAmount).toBe("25000000")
      expect(created.web3Data.transferIntent.callData.refundDestination).toBe(SENDER)
      expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(3_600_000)
      const second = yield* charge()
      expect(second.id).not.toBe(created.id)
      const emulator = yield* OpenRouterTest.Emulator
      expect(emulator.charges).toHaveLength(2)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect.each(
    [
      [{ amount: 0, sender: SENDER, chain_id: 1 }, "amount"],
      [{ amount: 5, sender: "0x12", chain_id: 1 }, "sender"],
      [{ amount: 5, sender: SENDER, chain_id: 10 }, "chain_id"],
      ["not an object", "object"]
    ] as const
  )("validates the charge as the server would: %j", ([body, mentions]) =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(
        HttpClientRequest.post("http://openrouter.test/api/v1/credits/coinbase").pipe(
          HttpClientRequest.bearerToken(OpenRouterTest.ordinaryKey),
          bodyJson(body)
        )
      )
      expect(response.status).toBe(400)
      const parsed = (yield* response.json) as { error: { code: number; message: string } }
      expect(parsed.error.code).toBe(400)
      expect(parsed.error.message).toContain(mentions)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("answers the coinbase call with today's 410 Gone when asked", () =>
    Effect.gen(function*() {
      expect((yield* Effect.flip(charge()))._tag).toBe("GoneResponseError")
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setCoinbase("live")
      expect((yield* charge()).id).toBeTypeOf("string")
    }).pipe(Effect.provide(OpenRouterTest.layer({ coinbase: "gone" }))))

  it.effect("records every request with credentials masked", () =>
    Effect.gen(function*() {
      yield* charge()
      yield* Credits.getCredits
      const emulator = yield* OpenRouterTest.Emulator
      const [post, get] = emulator.requests
      expect(post).toMatchObject({ method: "POST", route: "POST /credits/coinbase", key: "ordinary" })
      expect(post!.body).toEqual({ amount: 25, sender: SENDER, chain_id: 137 })
      expect(get).toMatchObject({ method: "GET", route: "GET /credits", key: "management" })
      expect(JSON.stringify(emulator.requests)).not.toContain(OpenRouterTest.managementKey)
      expect(JSON.stringify(emulator.requests)).not.toContain(OpenRouterTest.ordinaryKey)
      expect(get!.headers["authorization"]).toBe(`Bearer …${OpenRouterTest.managementKey.slice(-4)}`)
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("fault scripting", () => {
  it.effect("first 429 with Retry-After 2, then 200: one line", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(2))
      const balance = yield* advancing(Credits.getCredits)
      expect(balance.remaining).toBe(74.75)
      expect(emulator.requests).toHaveLength(2)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("faults can be given up front, per route", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error._tag).toBe("InternalServerResponseError")
      expect((yield* Credits.getCredits).remaining).toBe(74.75)
    }).pipe(Effect.provide(OpenRouterTest.layer({
      config: { retry: Retry.none },
      faults: { "GET /credits": [OpenRouterTest.status(500)] }
    }))))

  it.effect.each(
    [
      ["status(503)", OpenRouterTest.status(503), "OpenRouterDefaultError"],
      ["rateLimited()", OpenRouterTest.rateLimited(), "TooManyRequestsResponseError"],
      [
        "reply(402, ...)",
        OpenRouterTest.reply(402, { error: { code: 402, message: "Insufficient credits" } }),
        "PaymentRequiredResponseError"
      ],
      ["malformedJson()", OpenRouterTest.malformedJson(), "ResponseValidationError"],
      ["html()", OpenRouterTest.html(), "BadGatewayResponseError"],
      ["html(503)", OpenRouterTest.html(503), "OpenRouterDefaultError"],
      ["wrongShape", OpenRouterTest.wrongShape, "ResponseValidationError"],
      ["disconnect", OpenRouterTest.disconnect, "ConnectionError"],
      ["refuse", OpenRouterTest.refuse, "ConnectionError"]
    ] as const
  )("%s ends in %s", ([, step, tag]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", step)
      expect((yield* Effect.flip(Credits.getCredits))._tag).toBe(tag)
    }).pipe(Effect.provide(withKey(OpenRouterTest.managementKey))))

  it.effect("refuse is a connection that provably sent nothing; disconnect is not; the SDK says which", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.refuse, OpenRouterTest.disconnect)
      const refused = yield* Effect.flip(Credits.getCredits)
      const reset = yield* Effect.flip(Credits.getCredits)
      expect(refused).toMatchObject({ _tag: "ConnectionError", reason: "ConnectionRefused", requestNotSent: true })
      expect(refused._tag === "ConnectionError" && refused.detail).toContain("ECONNREFUSED")
      expect(reset).toMatchObject({ _tag: "ConnectionError", reason: "Transport", requestNotSent: false })
      expect(reset._tag === "ConnectionError" && reset.detail).toContain("socket hang up")
    }).pipe(Effect.provide(withKey(OpenRouterTest.managementKey))))

  it.effect("delay runs on the TestClock: past the timeout it is RequestTimeoutError", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.delay("10 seconds"), OpenRouterTest.delay("1 second"))
      const fiber = yield* fork(outcome(Credits.getCredits))
      yield* TestClock.adjust("5 seconds")
      const first = yield* Fiber.join(fiber)
      expect(first._tag === "Failure" && first.failure._tag).toBe("RequestTimeoutError")
      const second = yield* advancing(Credits.getCredits)
      expect(second.remaining).toBe(74.75)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none, timeout: "5 seconds" } }))))

  it.effect("rateLimited takes a Duration and rounds up to whole seconds", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited("1500 millis"))
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error._tag === "TooManyRequestsResponseError" && Duration.toMillis(error.retryAfter!)).toBe(2000)
    }).pipe(Effect.provide(withKey(OpenRouterTest.managementKey))))
})

describe("OpenRouterEmulator.serve", () => {
  const over = (url: string, apiKey = OpenRouterTest.managementKey) =>
    Layer.merge(OpenRouterConfig.layer({ apiKey, baseUrl: url, retry: Retry.none }), HttpLayer.layer)

  scoped("serves the emulator on loopback for a real transport", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/)
      const balance = yield* Credits.getCredits.pipe(Effect.provide(over(url)))
      expect(balance.remaining).toBe(74.75)
      const created = yield* charge().pipe(Effect.provide(over(url)))
      expect(created.web3Data.transferIntent.metadata.sender).toBe(SENDER)
      expect(emulator.requests.map((r) => r.route)).toEqual(["GET /credits", "POST /credits/coinbase"])
      expect(emulator.requests[0]!.headers["user-agent"]).toMatch(/^openrouter-effect\//)
    }))

  scoped("a scripted disconnect breaks the real connection", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      yield* emulator.script("GET /credits", OpenRouterTest.disconnect)
      const error = yield* Effect.flip(Credits.getCredits.pipe(Effect.provide(over(url))))
      expect(error._tag).toBe("ConnectionError")
    }))

  scoped("listens on the port it is given and stops when the scope closes", () =>
    Effect.gen(function*() {
      // a port held on 127.0.0.1 for the whole test: served on 127.0.0.2, it cannot be taken by anyone else after
      const port = Number(new URL(yield* refusingOrigin).port)
      const url = yield* Effect.scoped(
        Effect.gen(function*() {
          const running = yield* OpenRouterEmulator.serve({
            port,
            host: "127.0.0.2",
            balance: { totalCredits: 3, totalUsage: 1 }
          })
          expect((yield* Credits.getCredits.pipe(Effect.provide(over(running.url)))).remaining).toBe(2)
          return running.url
        })
      )
      expect(url).toBe(`http://127.0.0.2:${port}/api/v1`)
      const after = yield* Effect.flip(Credits.getCredits.pipe(Effect.provide(over(url))))
      expect(after._tag === "ConnectionError" && after.reason).toBe("ConnectionRefused")
    }))
})

describe("OpenRouterTest building blocks", () => {
  it.effect("layerClient brings the emulated client and controls for your own config", () =>
    Effect.gen(function*() {
      expect((yield* Credits.getCredits).remaining).toBe(74.75)
      expect((yield* OpenRouterTest.Emulator).requests[0]!.path).toBe("/api/v1/credits")
    }).pipe(
      Effect.provide(OpenRouterTest.layerClient()),
      Effect.provide(
        OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: "http://x.test/api/v1" })
      )
    ))

  it.effect("make and httpClient build an emulator you wire yourself", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make({ managementKeys: ["sk-or-v1-mine"] })
      const balance = yield* Credits.getCredits.pipe(
        Effect.provideService(HttpClient.HttpClient, OpenRouterTest.httpClient(emulator)),
        Effect.provide(OpenRouterConfig.layer({ apiKey: "sk-or-v1-mine" }))
      )
      expect(balance.totalCredits).toBe(100.5)
      expect(emulator.requests).toHaveLength(1)
    }))
})

describe("the emulator serves the API's real paths only", () => {
  it.effect.each([
    "http://openrouter.test/api/v2",
    "http://openrouter.test/foo/bar",
    "http://openrouter.test",
    "http://openrouter.test/api/v1/extra"
  ])("a base URL of %s gets a 404 that names the paths it serves", (baseUrl) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error).toMatchObject({ _tag: "NotFoundResponseError", status: 404 })
      expect(error.message).toContain("GET /api/v1/credits")
      const emulator = yield* OpenRouterTest.Emulator
      expect(emulator.requests[0]!.route).toBeUndefined()
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { baseUrl, retry: Retry.none } }))))

  scoped("on loopback too", () =>
    Effect.gen(function*() {
      const { url } = yield* OpenRouterEmulator.serve()
      const error = yield* Credits.getCredits.pipe(
        Effect.flip,
        Effect.provide(Layer.merge(
          OpenRouterConfig.layer({
            apiKey: OpenRouterTest.managementKey,
            baseUrl: url.replace("/api/v1", "/api/v2"),
            retry: Retry.none
          }),
          HttpLayer.layer
        ))
      )
      expect(error).toMatchObject({ _tag: "NotFoundResponseError", status: 404 })
      expect(error.message).toContain("POST /api/v1/credits/coinbase")
    }))
})

describe("scripted steps are answered as HTTP allows, or refused by name", () => {
  it.effect.each([204, 205, 304])("a %i is answered without a body, in memory", (code) =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.reply(code, "ignored", { "x-kept": "yes" }))
      const response = yield* client.execute(HttpClientRequest.get("http://openrouter.test/api/v1/credits"))
      expect(response.status).toBe(code)
      expect(response.headers["x-kept"]).toBe("yes")
      expect(response.headers["content-length"]).toBeUndefined()
      expect(yield* response.text).toBe("")
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  scoped.each([204, 304])(
    "a %i is answered without a body on loopback, and the SDK reports it",
    (code) =>
      Effect.gen(function*() {
        const { emulator, url } = yield* OpenRouterEmulator.serve()
        yield* emulator.script("GET /credits", OpenRouterTest.status(code))
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(Layer.merge(
            OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url, retry: Retry.none }),
            HttpLayer.layer
          ))
        )
        expect(error._tag).toBe(code === 204 ? "ResponseValidationError" : "OpenRouterDefaultError")
        expect("status" in error && error.status).toBe(code)
      })
  )

  it.each([
    ["status 99", () => OpenRouterTest.status(99), "OpenRouterTest.status(99): status 99"],
    ["status 600", () => OpenRouterTest.reply(600, "x"), "OpenRouterTest.reply(600): status 600"],
    ["status 101", () => OpenRouterTest.status(101), "status 101 is not a final HTTP status"],
    ["status 2.5", () => OpenRouterTest.status(2.5), "status 2.5"],
    [
      "a header value with CR/LF",
      () => OpenRouterTest.reply(200, "x", { "x-bad": "a\r\nx-injected: 1" }),
      "header \"x-bad\" has a value that cannot be sent"
    ],
    [
      "a header name with a space",
      () => OpenRouterTest.status(500, { headers: { "bad name": "x" } }),
      "header name \"bad name\" is not an HTTP token"
    ],
    [
      "a bad step inside a delay",
      () => OpenRouterTest.delay("1 second", { _tag: "Reply", status: 700, body: "", headers: {} }),
      "OpenRouterTest.delay: status 700"
    ]
  ])("%s is refused when the step is built, naming it", (_, build, message) => {
    expect(build).toThrow(TypeError)
    expect(build).toThrow(message)
  })

  it.effect("a hand-built impossible step is refused by script and by the faults option, naming step and route", () =>
    Effect.gen(function*() {
      const bad: OpenRouterTest.Step = { _tag: "Reply", status: 99, body: "", headers: {} }
      const emulator = yield* OpenRouterTest.Emulator
      const exit = yield* Effect.exit(emulator.script("GET /credits", OpenRouterTest.pass, bad))
      expect(exit._tag === "Failure" && Cause.pretty(exit.cause)).toContain(
        "OpenRouterTest: step 2 for GET /credits: status 99"
      )
      const built = yield* Effect.exit(
        Layer.build(OpenRouterTest.layer({ faults: { "POST /credits/coinbase": [bad] } }))
      )
      expect(built._tag === "Failure" && Cause.pretty(built.cause)).toContain(
        "OpenRouterTest: step 1 for POST /credits/coinbase: status 99"
      )
      expect((yield* Credits.getCredits).remaining).toBe(74.75)
    }).pipe(Effect.scoped, Effect.provide(OpenRouterTest.layer())))

  scoped(
    "a reply the loopback server cannot write is a 500 that says why, not a crash or a hang",
    () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* OpenRouterEmulator.serve()
        const step = OpenRouterTest.reply(200, "x") as { readonly headers: Record<string, string> }
        yield* emulator.script("GET /credits", step as OpenRouterTest.Step)
        step.headers["x-bad"] = "a\nb" // changed after the check, as only a test would
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(Layer.merge(
            OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url, retry: Retry.none }),
            HttpLayer.layer
          ))
        )
        expect(error._tag).toBe("InternalServerResponseError")
        expect(error.message).toContain("OpenRouterEmulator could not send the scripted answer")
      })
  )

  scoped("serve on a port in use fails with ServeError naming host and port", () =>
    Effect.gen(function*() {
      const first = yield* OpenRouterEmulator.serve()
      const port = Number(new URL(first.url).port)
      const error = yield* Effect.flip(OpenRouterEmulator.serve({ port }))
      expect(error).toMatchObject({ _tag: "OpenRouterEmulatorServeError", host: "127.0.0.1", port, code: "EADDRINUSE" })
      expect(error.message).toContain(`127.0.0.1:${port}: the port is already in use (EADDRINUSE)`)
      const bad = yield* Effect.flip(OpenRouterEmulator.serve({ port: 70_000 }))
      expect(bad.message).toContain("that is not a port")
    }))
})

describe("the emulator's record of requests holds no credential", () => {
  it.effect("authorization, cookies and every credential-like header are masked", () =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const secret = "sk-or-v1-RECORDED-SECRET-0000"
      yield* client.execute(
        HttpClientRequest.get("http://openrouter.test/api/v1/credits").pipe(
          HttpClientRequest.bearerToken(secret),
          HttpClientRequest.setHeader("cookie", `session=${secret}`),
          HttpClientRequest.setHeader("x-api-key", secret),
          HttpClientRequest.setHeader("proxy-authorization", `Basic ${secret}`),
          HttpClientRequest.setHeader("x-plain", "kept")
        )
      )
      const [seen] = (yield* OpenRouterTest.Emulator).requests
      expect(JSON.stringify(seen)).not.toContain("RECORDED-SECRET")
      expect(seen!.headers["authorization"]).toBe("Bearer …0000")
      expect(seen!.headers["proxy-authorization"]).toBe("Basic …0000")
      expect(seen!.headers["cookie"]).toBe("…0000")
      expect(seen!.headers["x-plain"]).toBe("kept")
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})
