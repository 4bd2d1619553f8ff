import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Fiber, Stream } from "effect"
import { Credits, HttpLayer } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import {
  bodyJson,
  deleteRequest,
  fork,
  HttpBody,
  HttpClient,
  HttpClientRequest,
  outcome,
  scoped,
  SENDER,
  TestClock
} from "../support/seam.js"

// What the emulator answers on the wire, checked against the contract (NOTES.md and the OpenAPI excerpts) and
// against the defaults its options document, not against its own constants.

const BASE = "http://openrouter.test/api/v1"

const send = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(
    HttpClient.HttpClient,
    (client) =>
      Effect.flatMap(client.execute(request), (response) =>
        Effect.map(response.text, (text) => ({ status: response.status, headers: response.headers, text })))
  )

const json = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.map(send(request), (answer) => ({ ...answer, body: JSON.parse(answer.text) }))

const postCharge = (body: unknown, key = OpenRouterTest.ordinaryKey) =>
  json(
    HttpClientRequest.post(`${BASE}/credits/coinbase`).pipe(
      HttpClientRequest.bearerToken(key),
      bodyJson(body)
    )
  )

const getKey = (key: string) => json(HttpClientRequest.get(`${BASE}/key`).pipe(HttpClientRequest.bearerToken(key)))

const ADDRESS = /^0x[0-9a-f]{40}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe("the emulator's charges follow the contract", () => {
  it.effect("every field of call_data and metadata is filled, as a real charge's", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-01-02T03:04:05.000Z"))
      const { body, status } = yield* postCharge({ amount: 12.5, sender: SENDER, chain_id: 8453 })
      expect(status).toBe(200)
      const charge = body.data
      expect(charge.id).toMatch(UUID)
      expect(charge.created_at).toBe("2026-01-02T03:04:05.000Z")
      expect(charge.expires_at).toBe("2026-01-02T04:04:05.000Z")
      const { call_data: call, metadata } = charge.web3_data.transfer_intent
      expect(call.deadline).toBe(charge.expires_at)
      expect(call.recipient_amount).toBe("12500000")
      expect(call.fee_amount).toBe("125000")
      expect(call.id).toMatch(/^0x[0-9a-f]{32}$/)
      expect(call.signature).toMatch(/^0x[0-9a-f]{130}$/)
      expect(call.prefix).toMatch(/^0x[0-9a-f]+$/)
      for (const address of [call.operator, call.recipient, call.recipient_currency, metadata.contract_address]) {
        expect(address).toMatch(ADDRESS)
      }
      expect(new Set([call.operator, call.recipient, call.recipient_currency, metadata.contract_address]).size).toBe(4)
      expect(call.refund_destination).toBe(SENDER)
      expect(metadata).toEqual({ chain_id: 8453, contract_address: metadata.contract_address, sender: SENDER })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("each chain has its own currency, the same for every charge on it", () =>
    Effect.gen(function*() {
      const currency = (chain_id: number) =>
        Effect.map(
          postCharge({ amount: 1, sender: SENDER, chain_id }),
          ({ body }) => body.data.web3_data.transfer_intent.call_data.recipient_currency as string
        )
      const first = [yield* currency(1), yield* currency(137), yield* currency(8453)]
      const again = [yield* currency(1), yield* currency(137), yield* currency(8453)]
      expect(again).toEqual(first)
      expect(new Set(first).size).toBe(3)
      for (const address of first) expect(address).toMatch(ADDRESS)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("charges are numbered: distinct ids, and the same ids from a new emulator, for repeatable tests", () =>
    Effect.gen(function*() {
      const ids = (emulator: OpenRouterTest.EmulatorService) =>
        Effect.forEach([1, 2, 3, 4, 5], () =>
          Effect.map(
            postCharge({ amount: 1, sender: SENDER, chain_id: 1 }),
            ({ body }) => [body.data.id, body.data.web3_data.transfer_intent.call_data.signature] as const
          ).pipe(Effect.provideService(HttpClient.HttpClient, OpenRouterTest.httpClient(emulator))))
      const first = yield* ids(yield* OpenRouterTest.make())
      const second = yield* ids(yield* OpenRouterTest.make())
      expect(second).toEqual(first)
      expect(new Set(first.map(([id]) => id)).size).toBe(5)
      expect(new Set(first.map(([, signature]) => signature)).size).toBe(5)
    }))

  it.effect.each(
    [
      ["a negative amount", { amount: -1, sender: SENDER, chain_id: 1 }, "amount: Expected a number greater than 0"],
      ["an amount as text", { amount: "5", sender: SENDER, chain_id: 1 }, "amount: Expected a number greater than 0"],
      ["a sender one digit short", { amount: 5, sender: SENDER.slice(0, -1), chain_id: 1 }, "sender: Invalid"],
      ["a sender with a suffix", { amount: 5, sender: `${SENDER}0`, chain_id: 1 }, "sender: Invalid"],
      ["a sender without 0x", { amount: 5, sender: `xx${SENDER.slice(2)}`, chain_id: 1 }, "sender: Invalid"],
      ["a chain id as text", { amount: 5, sender: SENDER, chain_id: "1" }, "chain_id: Expected 1, 137 or 8453"],
      ["an array", [1], "Request body must be a JSON object"],
      ["null", null, "Request body must be a JSON object"]
    ] as const
  )("%s is refused with 400 and the server's message", ([, body, message]) =>
    Effect.gen(function*() {
      const answer = yield* postCharge(body)
      expect(answer.status).toBe(400)
      expect(answer.body.error).toMatchObject({ code: 400, metadata: { error_type: "invalid_request" } })
      expect(answer.body.error.message).toContain(message)
      expect((yield* OpenRouterTest.Emulator).charges).toHaveLength(0)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a sender in mixed-case hex and every documented chain are accepted", () =>
    Effect.gen(function*() {
      const upper = "0xabcdefABCDEF0123456789abcdefABCDEF012345"
      for (const chain_id of [1, 137, 8453]) {
        expect((yield* postCharge({ amount: 0.01, sender: upper, chain_id })).status).toBe(200)
      }
      expect((yield* OpenRouterTest.Emulator).chargesBySender.get(upper)).toBe(3)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("410 Gone says what replaced the endpoint", () =>
    Effect.gen(function*() {
      const answer = yield* postCharge({ amount: 1, sender: SENDER, chain_id: 1 })
      expect(answer.status).toBe(410)
      expect(answer.body.error.message).toContain("Use the web credits purchase flow instead")
    }).pipe(Effect.provide(OpenRouterTest.layer({ coinbase: "gone" }))))
})

describe("the emulator's GET /key follows the contract", () => {
  it.effect("an ordinary key: its label, the documented default limit and what is left of it", () =>
    Effect.gen(function*() {
      const { body } = yield* getKey(OpenRouterTest.ordinaryKey)
      const key = OpenRouterTest.ordinaryKey
      expect(body.data).toMatchObject({
        label: `${key.slice(0, 11)}...${key.slice(-3)}`,
        limit: 100,
        limit_remaining: 74.5,
        limit_reset: "monthly",
        usage: 25.5,
        usage_monthly: 25.5,
        is_management_key: false,
        is_free_tier: false,
        expires_at: null
      })
      expect(body.data.usage_daily).toBeLessThanOrEqual(body.data.usage_weekly)
      expect(body.data.usage_weekly).toBeLessThanOrEqual(body.data.usage_monthly)
      expect(JSON.stringify(body)).not.toContain(key)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a management key has no limit and used nothing; a used-up limit leaves 0, not less", () =>
    Effect.gen(function*() {
      const management = (yield* getKey(OpenRouterTest.managementKey)).body.data
      expect(management).toMatchObject({
        limit: null,
        limit_remaining: null,
        limit_reset: null,
        usage: 0,
        is_management_key: true
      })
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setKeyLimit({ limit: 10, usage: 12.345 })
      expect((yield* getKey(OpenRouterTest.ordinaryKey)).body.data).toMatchObject({ limit: 10, limit_remaining: 0 })
      yield* emulator.setKeyLimit({ limit: 10, usage: 3.333 })
      expect((yield* getKey(OpenRouterTest.ordinaryKey)).body.data.limit_remaining).toBe(6.667)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("the fields the contract marks deprecated or fixed, as its example has them", () =>
    Effect.gen(function*() {
      for (const key of [OpenRouterTest.ordinaryKey, OpenRouterTest.managementKey]) {
        const data = (yield* getKey(key)).body.data
        expect(data.is_provisioning_key).toBe(data.is_management_key)
        expect(data.include_byok_in_limit).toBe(false)
        expect(data.creator_user_id).toMatch(/^user_\w+$/)
        expect(data.rate_limit.note).toBe("This field is deprecated and safe to ignore.")
        expect(data.rate_limit.interval).toMatch(/^\d+[smh]$/)
        expect(Number.isInteger(data.rate_limit.requests)).toBe(true)
      }
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("an unknown key is 401 User not found; no key is 401 Missing Authentication header", () =>
    Effect.gen(function*() {
      const unknown = yield* getKey("sk-or-v1-nobody-knows-me")
      expect(unknown.status).toBe(401)
      expect(unknown.body.error).toEqual({
        code: 401,
        message: "User not found.",
        metadata: { error_type: "authentication" }
      })
      const none = yield* json(HttpClientRequest.get(`${BASE}/key`))
      expect(none.body.error.message).toBe("Missing Authentication header")
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("the emulator's requests, as a server sees them", () => {
  it.effect("a query string does not change the route; the path is recorded without it", () =>
    Effect.gen(function*() {
      const answer = yield* send(
        HttpClientRequest.get(`${BASE}/credits?x=1`).pipe(HttpClientRequest.bearerToken(OpenRouterTest.managementKey))
      )
      expect(answer.status).toBe(200)
      const [seen] = (yield* OpenRouterTest.Emulator).requests
      expect(seen).toMatchObject({ path: "/api/v1/credits", route: "GET /credits", key: "management" })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a body that is not JSON is recorded as it came, and answered 400", () =>
    Effect.gen(function*() {
      const answer = yield* send(
        HttpClientRequest.post(`${BASE}/credits/coinbase`).pipe(
          HttpClientRequest.bearerToken(OpenRouterTest.ordinaryKey),
          HttpClientRequest.bodyText("amount=5")
        )
      )
      expect(answer.status).toBe(400)
      expect((yield* OpenRouterTest.Emulator).requests[0]!.body).toBe("amount=5")
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a 404 names the method and path it could not route", () =>
    Effect.gen(function*() {
      const answer = yield* json(deleteRequest(`${BASE}/credits`))
      expect(answer.status).toBe(404)
      expect(answer.body.error.message).toContain("No route for DELETE /api/v1/credits")
      expect(answer.body.error.message).toContain("a base URL ending in /api/v1")
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("history keeps the newest requests and charges, while counts go on", () =>
    Effect.gen(function*() {
      for (const amount of [1, 2, 3]) yield* postCharge({ amount, sender: SENDER, chain_id: 1 })
      const emulator = yield* OpenRouterTest.Emulator
      expect(emulator.requests.map((r) => (r.body as { amount: number }).amount)).toEqual([2, 3])
      expect(emulator.charges).toHaveLength(2)
      expect(emulator.counts).toEqual({ requests: 3, charges: 3 })
    }).pipe(Effect.provide(OpenRouterTest.layer({ history: 2 }))))

  it.effect("short credentials are masked whole; every scheme keeps only its name", () =>
    Effect.gen(function*() {
      yield* send(
        HttpClientRequest.get(`${BASE}/credits`).pipe(
          HttpClientRequest.setHeader("authorization", "Token abc"),
          HttpClientRequest.setHeader("x-api-key", "0123456789ab")
        )
      )
      const [seen] = (yield* OpenRouterTest.Emulator).requests
      expect(seen!.headers["authorization"]).toBe("Token …")
      expect(seen!.headers["x-api-key"]).toBe("…")
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a scripted body's Content-Length counts bytes, not characters; one it was given is kept", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script(
        "GET /credits",
        OpenRouterTest.reply(500, "€uro"),
        OpenRouterTest.reply(500, "x", { "Content-Length": "1" })
      )
      const request = HttpClientRequest.get(`${BASE}/credits`)
      expect((yield* send(request)).headers["content-length"]).toBe("6")
      expect((yield* send(request)).headers["content-length"]).toBe("1")
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("the step builders answer as documented", () => {
  const scripted = (step: OpenRouterTest.Step) =>
    Effect.gen(function*() {
      yield* (yield* OpenRouterTest.Emulator).script("GET /credits", step)
      return yield* send(HttpClientRequest.get(`${BASE}/credits`))
    }).pipe(Effect.provide(OpenRouterTest.layer()))

  it.effect("status: OpenRouter's error envelope, with a default message or the one given", () =>
    Effect.gen(function*() {
      const plain = yield* scripted(OpenRouterTest.status(503))
      expect(plain.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(plain.text)).toEqual({
        error: { code: 503, message: "Emulated 503", metadata: null },
        user_id: null
      })
      const told = yield* scripted(OpenRouterTest.status(418, { message: "teapot", headers: { "x-a": "b" } }))
      expect([told.status, JSON.parse(told.text).error.message, told.headers["x-a"]]).toEqual([418, "teapot", "b"])
    }))

  it.effect("rateLimited: 429 Rate limit exceeded, with Retry-After only when given", () =>
    Effect.gen(function*() {
      const bare = yield* scripted(OpenRouterTest.rateLimited())
      expect(bare.status).toBe(429)
      expect(JSON.parse(bare.text).error.message).toBe("Rate limit exceeded")
      expect(bare.headers["retry-after"]).toBeUndefined()
      expect((yield* scripted(OpenRouterTest.rateLimited(7))).headers["retry-after"]).toBe("7")
    }))

  it.effect("reply: text as text/plain, an object as JSON, headers given win", () =>
    Effect.gen(function*() {
      const text = yield* scripted(OpenRouterTest.reply(200, "hello"))
      expect([text.headers["content-type"], text.text]).toEqual(["text/plain", "hello"])
      const object = yield* scripted(OpenRouterTest.reply(201, { a: 1 }))
      expect([object.status, object.headers["content-type"], object.text]).toEqual([
        201,
        "application/json",
        "{\"a\":1}"
      ])
      const typed = yield* scripted(OpenRouterTest.reply(200, "<x/>", { "content-type": "application/xml" }))
      expect(typed.headers["content-type"]).toBe("application/xml")
    }))

  it.effect("html, malformedJson and wrongShape: the broken answers they are named for", () =>
    Effect.gen(function*() {
      const page = yield* scripted(OpenRouterTest.html())
      expect([page.status, page.headers["content-type"]]).toEqual([502, "text/html"])
      expect(page.text).toContain("<h1>502 Bad Gateway</h1>")
      expect((yield* scripted(OpenRouterTest.html(504))).text).toContain("<title>504</title>")
      const broken = yield* scripted(OpenRouterTest.malformedJson())
      expect([broken.status, broken.headers["content-type"]]).toEqual([200, "application/json"])
      expect(() => JSON.parse(broken.text)).toThrow(SyntaxError)
      expect((yield* scripted(OpenRouterTest.malformedJson(500))).status).toBe(500)
      const shape = yield* scripted(OpenRouterTest.wrongShape)
      expect(JSON.parse(shape.text).data.total_credits).toBeTypeOf("string")
    }))

  it.effect("a bodyless status drops the body's headers, whatever their case, and keeps the others", () =>
    Effect.gen(function*() {
      const answer = yield* scripted(
        OpenRouterTest.reply(204, "x", { "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "X-Kept": "1" })
      )
      expect(answer.headers["content-type"]).toBeUndefined()
      expect(answer.headers["transfer-encoding"]).toBeUndefined()
      expect(answer.headers["x-kept"]).toBe("1")
    }))

  it.effect("the in-memory client hands the emulator a raw string body as it is", () =>
    Effect.gen(function*() {
      yield* send(
        HttpClientRequest.post(`${BASE}/credits/coinbase`).pipe(
          HttpClientRequest.bearerToken(OpenRouterTest.ordinaryKey),
          HttpClientRequest.setBody(HttpBody.raw(JSON.stringify({ amount: 3, sender: SENDER, chain_id: 1 })))
        )
      )
      expect((yield* OpenRouterTest.Emulator).requests[0]!.body).toEqual({ amount: 3, sender: SENDER, chain_id: 1 })
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("OpenRouterEmulator.ServeError says why it could not listen", () => {
  it.each([
    ["EADDRINUSE", "the port is already in use"],
    ["EADDRNOTAVAIL", "the address is not on this machine"],
    ["EACCES", "this process may not listen there"],
    ["ERR_SOCKET_BAD_PORT", "that is not a port (0 to 65535)"],
    ["EWHATEVER", "listening failed"]
  ])("%s: %s", (code, why) => {
    const error = new OpenRouterEmulator.ServeError({ host: "127.0.0.1", port: 8080, code })
    expect(error.message).toBe(
      `OpenRouterEmulator.serve could not listen on 127.0.0.1:8080: ${why} (${code}). Pass another port, or none for any free one.`
    )
  })

  scoped("an address that is not on this machine fails with EADDRNOTAVAIL, not a hang", () =>
    Effect.gen(function*() {
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a host
      const error = yield* Effect.flip(OpenRouterEmulator.serve({ host: "192.0.2.1" }))
      expect(error).toMatchObject({ _tag: "OpenRouterEmulatorServeError", host: "192.0.2.1", code: "EADDRNOTAVAIL" })
    }))
})

describe("scripted steps a test builds by hand are checked like the builders' own", () => {
  const pass: OpenRouterTest.Step = OpenRouterTest.pass
  it.effect.each(
    [
      ["a body that is not a string", { _tag: "Reply", status: 200, body: 5, headers: {} }, "the body is not a string"],
      [
        "a header value that is not a string",
        { _tag: "Reply", status: 200, body: "", headers: { "x-n": 5 } },
        "header \"x-n\" has a value that cannot be sent"
      ],
      ["a delay that is not a Duration", { _tag: "Delay", duration: 5, then: pass }, "the delay is not a Duration"],
      ["an unknown disconnect phase", { _tag: "Disconnect", phase: "later" }, "unknown disconnect phase"],
      ["an unknown step", { _tag: "Teleport" }, "unknown step \"Teleport\""],
      [
        "a bad step after processing",
        { _tag: "Processed", then: { _tag: "Reply", status: 42, body: "", headers: {} } },
        "status 42"
      ]
    ] as const
  )("%s is refused, naming step and route", ([, step, message]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const exit = yield* Effect.exit(emulator.script("GET /key", step as unknown as OpenRouterTest.Step))
      expect(exit._tag === "Failure" && Cause.pretty(exit.cause)).toContain(
        `OpenRouterTest: step 1 for GET /key: ${message}`
      )
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("an unknown route is refused by name", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const exit = yield* Effect.exit(emulator.script("GET /balance" as OpenRouterTest.Route, pass))
      expect(exit._tag === "Failure" && Cause.pretty(exit.cause)).toContain(
        "OpenRouterTest: unknown route \"GET /balance\"; expected GET /api/v1/credits"
      )
      expect((yield* Credits.getCredits).remaining).toBe(74.75)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("afterProcessing: the charge is made, then the scripted answer is sent instead of it", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("POST /credits/coinbase", OpenRouterTest.afterProcessing(OpenRouterTest.status(502)))
      const lost = yield* postCharge({ amount: 2, sender: SENDER, chain_id: 1 })
      expect(lost.status).toBe(502)
      expect(emulator.charges).toHaveLength(1)
      expect(emulator.counts.charges).toBe(1)
      expect(() => OpenRouterTest.afterProcessing({ _tag: "Reply", status: 1, body: "", headers: {} })).toThrow(
        "OpenRouterTest.afterProcessing: status 1"
      )
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("afterProcessing then a delay: one charge, answered late with that charge, not a second one", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script(
        "POST /credits/coinbase",
        OpenRouterTest.afterProcessing(OpenRouterTest.delay("200 millis")),
        OpenRouterTest.afterProcessing(OpenRouterTest.afterProcessing(OpenRouterTest.pass))
      )
      const fiber = yield* fork(postCharge({ amount: 2, sender: SENDER, chain_id: 1 }))
      yield* TestClock.adjust("200 millis")
      const late = yield* Fiber.join(fiber)
      expect(late.status).toBe(200)
      expect(emulator.counts.charges).toBe(1)
      expect((late.body as { data: { id: string } }).data.id).toBe((emulator.charges[0] as { id: string }).id)
      yield* postCharge({ amount: 3, sender: SENDER, chain_id: 1 })
      expect(emulator.counts.charges).toBe(2)
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("the keyLimit option sets what GET /key reports", () =>
    Effect.gen(function*() {
      expect((yield* getKey(OpenRouterTest.ordinaryKey)).body.data).toMatchObject({
        limit: 50,
        limit_remaining: 40,
        usage: 10
      })
    }).pipe(Effect.provide(OpenRouterTest.layer({ keyLimit: { limit: 50, usage: 10 } }))))

  it.effect("coinbase \"gone\" removes the Coinbase route only: /credits and /key still answer", () =>
    Effect.gen(function*() {
      expect((yield* Credits.getCredits).remaining).toBe(74.75)
      expect((yield* getKey(OpenRouterTest.managementKey)).status).toBe(200)
    }).pipe(Effect.provide(OpenRouterTest.layer({ coinbase: "gone" }))))

  it.effect("only the Bearer scheme authenticates; a missing key says so, as an authentication error", () =>
    Effect.gen(function*() {
      const answer = yield* json(
        HttpClientRequest.get(`${BASE}/credits`).pipe(
          HttpClientRequest.setHeader("authorization", `Token Bearer ${OpenRouterTest.managementKey}`)
        )
      )
      expect(answer.status).toBe(401)
      expect(answer.body.error).toEqual({
        code: 401,
        message: "Missing Authentication header",
        metadata: { error_type: "authentication" }
      })
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a sender with anything before its 0x is refused", () =>
    Effect.gen(function*() {
      const answer = yield* postCharge({ amount: 5, sender: `my${SENDER}`, chain_id: 1 })
      expect(answer.status).toBe(400)
      expect(answer.body.error.message).toContain("sender: Invalid Ethereum address")
    }).pipe(Effect.provide(OpenRouterTest.layer())))

  it.effect("a streamed request body is not read by the in-memory client: the emulator sees none", () =>
    Effect.gen(function*() {
      const answer = yield* send(
        HttpClientRequest.post(`${BASE}/credits/coinbase`).pipe(
          HttpClientRequest.bearerToken(OpenRouterTest.ordinaryKey),
          HttpClientRequest.bodyStream(Stream.make(new TextEncoder().encode("{\"amount\":1}")))
        )
      )
      expect(answer.status).toBe(400)
      expect((yield* OpenRouterTest.Emulator).requests[0]!.body).toBeUndefined()
    }).pipe(Effect.provide(OpenRouterTest.layer())))
})

describe("OpenRouterEmulator.serve on loopback", () => {
  scoped("an answer it cannot write is a plain-text 500 saying why", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      const step = OpenRouterTest.reply(200, "x") as { readonly headers: Record<string, string> }
      yield* emulator.script("GET /credits", step as OpenRouterTest.Step)
      step.headers["x-bad"] = "a\nb"
      const answer = yield* send(HttpClientRequest.get(`${url}/credits`)).pipe(Effect.provide(HttpLayer.layer))
      expect(answer.status).toBe(500)
      expect(answer.headers["content-type"]).toBe("text/plain")
      expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.text)))
      expect(answer.text).toMatch(/^OpenRouterEmulator could not send the scripted answer: /)
    }))

  scoped("an IPv6 host is shown in brackets in its URL", () =>
    Effect.gen(function*() {
      const served = yield* outcome(OpenRouterEmulator.serve({ host: "::1" }))
      if (served._tag === "Failure") {
        // a machine without IPv6 loopback: the failure must still say so
        expect(["EADDRNOTAVAIL", "EAFNOSUPPORT"]).toContain(served.failure.code)
        return
      }
      expect(served.success.url).toMatch(/^http:\/\/\[::1\]:\d+\/api\/v1$/)
      const answer = yield* send(HttpClientRequest.get(`${served.success.url}/key`)).pipe(
        Effect.provide(HttpLayer.layer)
      )
      expect(answer.status).toBe(401)
    }))
})
