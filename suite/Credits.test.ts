import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Redacted } from "effect"
import { Credits, Errors, HttpLayer, OpenRouterConfig, Retry, Schemas } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import {
  API_KEY,
  BEARER,
  chargeBody,
  creditsBody,
  envelope,
  failureOf,
  fork,
  isRunning,
  outcome,
  scoped,
  SENDER,
  successOf,
  TestClock
} from "../support/seam.js"
import type { Requirements } from "./support/wire.js"

const charge = { amount: 100, sender: SENDER, chainId: Schemas.Chain.Base } as const

interface Reply {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: string
}

/**
 * Runs `effect` against the emulator on a real loopback server, scripted to answer the first request with
 * `reply`. The emulator knows API_KEY as a management key and BEARER as an ordinary one.
 */
const onLoopback = <A, E>(
  reply: Reply,
  effect: Effect.Effect<A, E, Requirements>,
  options: Partial<OpenRouterConfig.Options> = {}
) =>
  Effect.gen(function*() {
    const step = OpenRouterTest.reply(reply.status, reply.body ?? "", {
      "content-type": "application/json",
      ...reply.headers
    })
    const { emulator, url } = yield* OpenRouterEmulator.serve({
      managementKeys: [API_KEY],
      keys: [BEARER],
      faults: { "GET /credits": [step], "POST /credits/coinbase": [step] }
    })
    const result = yield* effect.pipe(
      outcome,
      Effect.provide(Layer.merge(
        OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, baseUrl: url, ...options }),
        HttpLayer.layer
      ))
    )
    return { result, requests: emulator.requests }
  })

/** The emulator in memory, knowing API_KEY as a management key and BEARER as an ordinary one. */
const emulated = (options: OpenRouterTest.Options & { readonly config?: Partial<OpenRouterConfig.Options> } = {}) =>
  OpenRouterTest.layer({
    managementKeys: [API_KEY],
    keys: [BEARER],
    ...options,
    config: { apiKey: API_KEY, retry: Retry.none, ...options.config }
  })

describe("getCredits", () => {
  scoped("returns the balance with a derived remaining", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* onLoopback(
        { status: 200, body: JSON.stringify(creditsBody) },
        Credits.getCredits
      )
      const balance = successOf(result)
      expect(balance.totalCredits).toBe(100.5)
      expect(balance.totalUsage).toBe(25.75)
      expect(balance.remaining).toBe(74.75)
      expect(requests).toHaveLength(1)
      expect(requests[0]!.method).toBe("GET")
      expect(requests[0]!.path).toBe("/api/v1/credits")
    }))

  scoped("sends the apiKey as bearer, Accept, User-Agent and the attribution headers", () =>
    Effect.gen(function*() {
      const { requests } = yield* onLoopback({ status: 200, body: JSON.stringify(creditsBody) }, Credits.getCredits, {
        appUrl: "https://example.app",
        appTitle: "Example App",
        appCategories: ["cli-agent", "cloud-agent"]
      })
      const headers = requests[0]!.headers
      expect(requests[0]!.key).toBe("management")
      expect(headers["authorization"]).toBe(`Bearer …${API_KEY.slice(-4)}`)
      expect(headers["accept"]).toBe("application/json")
      expect(headers["user-agent"]).toMatch(/^openrouter-effect\/\d+\.\d+\.\d+/)
      expect(headers["http-referer"]).toBe("https://example.app")
      expect(headers["x-openrouter-title"]).toBe("Example App")
      expect(headers["x-openrouter-categories"]).toBe("cli-agent,cloud-agent")
      expect(headers["traceparent"]).toBeUndefined()
      expect(headers["b3"]).toBeUndefined()
    }))

  scoped("omits attribution headers that are not configured", () =>
    Effect.gen(function*() {
      const { requests } = yield* onLoopback({ status: 200, body: JSON.stringify(creditsBody) }, Credits.getCredits)
      const headers = requests[0]!.headers
      expect(headers["http-referer"]).toBeUndefined()
      expect(headers["x-openrouter-title"]).toBeUndefined()
      expect(headers["x-openrouter-categories"]).toBeUndefined()
    }))

  it.effect.each(["http://api.test/api/v1", "http://api.test/api/v1/", "http://api.test/api/v1//"])(
    "joins base URL %s without a double slash",
    (baseUrl) =>
      Effect.gen(function*() {
        yield* Credits.getCredits
        expect((yield* OpenRouterTest.Emulator).requests[0]!.path).toBe("/api/v1/credits")
      }).pipe(Effect.provide(emulated({ config: { baseUrl } })))
  )

  it.effect("ignores unknown response fields", () =>
    Effect.gen(function*() {
      const balance = yield* Credits.getCredits
      expect(balance.remaining).toBe(74.75)
    }).pipe(Effect.provide(emulated({
      faults: {
        "GET /credits": [OpenRouterTest.reply(200, { data: { ...creditsBody.data, new_field: true }, meta: 1 })]
      }
    }))))

  it.effect.each(["", "   ", "sk-or-v1-has space", "sk-or-v1-line\nbreak"])(
    "rejects apiKey %j without sending anything",
    (apiKey) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Credits.getCredits)
        expect(error._tag).toBe("RequestValidationError")
        expect(error).toMatchObject({ field: "apiKey", operation: "getCredits" })
        expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
      }).pipe(Effect.provide(emulated({ config: { apiKey } })))
  )
})

describe("createCoinbaseCharge", () => {
  scoped("posts the snake_case body with the call's bearer and decodes every field", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* onLoopback(
        { status: 200, body: JSON.stringify(chargeBody) },
        Credits.createCoinbaseCharge({ bearer: BEARER }, charge)
      )
      const created = successOf(result)
      expect(created.id).toBe("charge_123")
      expect(created.createdAt).toBe("2026-01-01T00:00:00Z")
      expect(created.expiresAt).toBe("2026-01-01T01:00:00Z")
      expect(created.web3Data.transferIntent.callData).toEqual({
        deadline: "2026-01-01T01:00:00Z",
        feeAmount: "1.00",
        id: "0xabc",
        operator: "0xoperator",
        prefix: "0xprefix",
        recipient: "0xrecipient",
        recipientAmount: "99.00",
        recipientCurrency: "0xusdc",
        refundDestination: SENDER,
        signature: "0xsignature"
      })
      expect(created.web3Data.transferIntent.metadata).toEqual({
        chainId: 8453,
        contractAddress: "0xcontract",
        sender: SENDER
      })

      const [request] = requests
      expect(request!.method).toBe("POST")
      expect(request!.path).toBe("/api/v1/credits/coinbase")
      expect(request!.body).toEqual({ amount: 100, sender: SENDER, chain_id: 8453 })
      expect(request!.headers["content-type"]).toBe("application/json")
      expect(request!.headers["accept"]).toBe("application/json")
      expect(request!.key).toBe("ordinary")
      expect(request!.headers["authorization"]).toBe(`Bearer …${BEARER.slice(-4)}`)
    }))

  it.effect("accepts the bearer as Redacted", () =>
    Effect.gen(function*() {
      yield* Credits.createCoinbaseCharge({ bearer: Redacted.make(BEARER) }, charge)
      expect((yield* OpenRouterTest.Emulator).requests[0]!.key).toBe("ordinary")
    }).pipe(Effect.provide(emulated())))

  it.effect("each call sends its own credentials, whatever ran before on the same config", () =>
    Effect.gen(function*() {
      yield* Credits.createCoinbaseCharge({ bearer: BEARER }, charge)
      yield* Credits.getCredits
      yield* Credits.createCoinbaseCharge({ bearer: API_KEY }, charge)
      yield* Credits.getCredits
      yield* Credits.createCoinbaseCharge({ bearer: BEARER }, charge)
      const requests = (yield* OpenRouterTest.Emulator).requests
      expect(requests.map((request) => `${request.method} ${request.key}`)).toEqual([
        "POST ordinary",
        "GET management",
        "POST management",
        "GET management",
        "POST ordinary"
      ])
    }).pipe(Effect.provide(emulated())))

  const invalid: ReadonlyArray<readonly [string, unknown, string]> = [
    ["amount 0", { ...charge, amount: 0 }, "amount"],
    ["negative amount", { ...charge, amount: -5 }, "amount"],
    ["NaN amount", { ...charge, amount: Number.NaN }, "amount"],
    ["infinite amount", { ...charge, amount: Number.POSITIVE_INFINITY }, "amount"],
    ["string amount", { ...charge, amount: "100" }, "amount"],
    ["short sender", { ...charge, sender: "0x1234" }, "sender"],
    ["sender without 0x", { ...charge, sender: "1234567890123456789012345678901234567890" }, "sender"],
    ["sender with non-hex digits", { ...charge, sender: "0x123456789012345678901234567890123456789g" }, "sender"],
    ["unknown chain", { ...charge, chainId: 10 }, "chainId"],
    ["chain as a string", { ...charge, chainId: "1" }, "chainId"],
    ["missing chain", { amount: 1, sender: SENDER }, "chainId"],
    ["no request at all", undefined, "request"]
  ]

  scoped.each(invalid)("rejects %s and the server sees nothing", ([, input, field]) =>
    Effect.gen(function*() {
      const { requests, result } = yield* onLoopback(
        { status: 200, body: JSON.stringify(chargeBody) },
        Credits.createCoinbaseCharge({ bearer: BEARER }, input as Schemas.CreateChargeRequest)
      )
      const error = failureOf(result)
      expect(error._tag).toBe("RequestValidationError")
      expect(error).toMatchObject({ field, operation: "createCoinbaseCharge" })
      expect(error.message).toContain(`"${field}" must be`)
      expect(requests).toHaveLength(0)
    }))

  scoped.each(["", " ", "tok en", "token\r\nX-Injected: yes"])(
    "rejects bearer %j and sends nothing",
    (bearer) =>
      Effect.gen(function*() {
        const { requests, result } = yield* onLoopback(
          { status: 200, body: JSON.stringify(chargeBody) },
          Credits.createCoinbaseCharge({ bearer }, charge)
        )
        expect(failureOf(result)).toMatchObject({
          _tag: "RequestValidationError",
          field: "bearer"
        })
        expect(requests).toHaveLength(0)
      })
  )

  it.effect.each(
    [
      ["Ethereum", Schemas.Chain.Ethereum, 1],
      ["Polygon", Schemas.Chain.Polygon, 137],
      ["Base", Schemas.Chain.Base, 8453]
    ] as const
  )("sends chain %s as %i", ([, chainId, wire]) =>
    Effect.gen(function*() {
      const created = yield* Credits.createCoinbaseCharge({ bearer: BEARER }, { ...charge, chainId })
      expect((yield* OpenRouterTest.Emulator).requests[0]!.body).toMatchObject({ chain_id: wire })
      expect(created.web3Data.transferIntent.metadata.chainId).toBe(wire)
    }).pipe(Effect.provide(emulated())))
})

describe("status mapping", () => {
  const typed = [
    [400, "BadRequestResponseError"],
    [401, "UnauthorizedResponseError"],
    [403, "ForbiddenResponseError"],
    [429, "TooManyRequestsResponseError"],
    [500, "InternalServerResponseError"],
    [402, "PaymentRequiredResponseError"],
    [404, "NotFoundResponseError"],
    [409, "ConflictResponseError"],
    [502, "BadGatewayResponseError"],
    [524, "EdgeNetworkTimeoutResponseError"],
    [529, "ProviderOverloadedResponseError"],
    [418, "OpenRouterDefaultError"],
    [503, "OpenRouterDefaultError"]
  ] as const

  const operations: ReadonlyArray<
    readonly [string, Effect.Effect<unknown, Errors.CreateCoinbaseChargeError, Requirements>]
  > = [
    ["getCredits", Credits.getCredits],
    ["createCoinbaseCharge", Credits.createCoinbaseCharge({ bearer: BEARER }, charge)]
  ]

  for (const [name, operation] of operations) {
    scoped.each(typed)(`${name}: %i with the error envelope is %s`, ([status, tag]) =>
      Effect.gen(function*() {
        const { result } = yield* onLoopback(
          { status, body: JSON.stringify(envelope(status, "server says no", { user_id: "user_42" })) },
          operation
        )
        const error = failureOf(result) as Errors.StatusError
        expect(error._tag).toBe(tag)
        expect(error.status).toBe(status)
        expect(error.error).toEqual({ code: status, message: "server says no", metadata: null })
        expect(error.userId).toBe("user_42")
        expect(error.headers["content-type"]).toBe("application/json")
        expect(error.message).toContain("server says no")
        expect(Errors.isOpenRouterError(error)).toBe(true)
      }))
  }

  scoped(
    "410 on the coinbase call is GoneResponseError pointing to the web purchase flow",
    () =>
      Effect.gen(function*() {
        const { result } = yield* onLoopback(
          { status: 410, body: JSON.stringify(envelope(410, "The Coinbase Commerce credits API has been removed.")) },
          Credits.createCoinbaseCharge({ bearer: BEARER }, charge)
        )
        const error = failureOf(result)
        expect(error._tag).toBe("GoneResponseError")
        expect(error.message).toContain("web purchase flow")
      })
  )

  scoped("410 on getCredits is not mistaken for the coinbase removal", () =>
    Effect.gen(function*() {
      const { result } = yield* onLoopback(
        { status: 410, body: JSON.stringify(envelope(410, "gone")) },
        Credits.getCredits
      )
      expect(failureOf(result)._tag).toBe("OpenRouterDefaultError")
    }))

  scoped("403 on getCredits says a management key is needed", () =>
    Effect.gen(function*() {
      const { result } = yield* onLoopback(
        { status: 403, body: JSON.stringify(envelope(403, "Only management keys can perform this operation")) },
        Credits.getCredits
      )
      const error = failureOf(result)
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error.message).toContain("management key")
    }))

  scoped("429 carries Retry-After as a Duration", () =>
    Effect.gen(function*() {
      const { result } = yield* onLoopback(
        { status: 429, headers: { "retry-after": "7" }, body: JSON.stringify(envelope(429, "Rate limit exceeded")) },
        Credits.getCredits
      )
      const error = failureOf(result)
      expect(error._tag).toBe("TooManyRequestsResponseError")
      expect(error._tag === "TooManyRequestsResponseError" && Duration.toMillis(error.retryAfter!)).toBe(7000)
    }))

  scoped.each(
    [
      ["an empty body", 500, "", { code: 500, message: "" }],
      ["an HTML page", 403, "<html><body>Forbidden</body></html>", { code: 403, message: "" }],
      ["JSON that is not the envelope", 429, "{\"message\":\"nope\"}", { code: 429, message: "" }],
      ["code as a string", 429, "{\"error\":{\"code\":\"429\",\"message\":\"slow down\"}}", {
        code: 429,
        message: "slow down"
      }],
      ["metadata missing, extra fields", 403, "{\"error\":{\"code\":403,\"message\":\"no\",\"x\":1},\"y\":2}", {
        code: 403,
        message: "no"
      }],
      ["error as a plain string", 400, "{\"error\":\"bad amount\"}", { code: 400, message: "bad amount" }]
    ] as const
  )(
    "a typed status whose body strays from the envelope (%s) keeps its class",
    ([, status, body, detail]) =>
      Effect.gen(function*() {
        const { result } = yield* onLoopback(
          { status, headers: { "content-type": "text/html" }, body },
          Credits.getCredits.pipe(Retry.withSchedule(Retry.none))
        )
        const error = failureOf(result)
        expect(error._tag).toBe(
          {
            400: "BadRequestResponseError",
            403: "ForbiddenResponseError",
            429: "TooManyRequestsResponseError",
            500: "InternalServerResponseError"
          }[status]
        )
        expect("error" in error && error.error).toEqual(detail)
        const isEnvelope = body.includes("\"error\"")
        expect("body" in error ? error.body : undefined).toBe(isEnvelope || body === "" ? undefined : body)
      })
  )

  it.effect("the default error keeps at most 10,000 characters of the body", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error._tag === "OpenRouterDefaultError" && error.body.length).toBe(10_000)
      expect(error.message.length).toBeLessThan(1_500)
    }).pipe(Effect.provide(emulated({ faults: { "GET /credits": [OpenRouterTest.reply(503, "x".repeat(50_000))] } }))))

  scoped.each(
    [
      ["HTML", "<html>oops</html>", "(body)"],
      ["an empty object", "{}", "data"],
      ["a wrong type", JSON.stringify({ data: { total_credits: "100", total_usage: 1 } }), "data.total_credits"],
      ["a missing field", JSON.stringify({ data: { total_credits: 1 } }), "data.total_usage"],
      ["an empty body", "", "(body)"]
    ] as const
  )("a 200 with %s is ResponseValidationError", ([, body, path]) =>
    Effect.gen(function*() {
      const { result } = yield* onLoopback({ status: 200, body }, Credits.getCredits)
      const error = failureOf(result)
      expect(error._tag).toBe("ResponseValidationError")
      expect(error._tag === "ResponseValidationError" && error.issues.map((i) => i.path)).toContain(path)
      expect(error.message).toContain(path)
    }))

  scoped("a charge 200 missing a nested field names its path", () =>
    Effect.gen(function*() {
      const broken = structuredClone(chargeBody) as {
        data: { web3_data: { transfer_intent: { call_data: Record<string, unknown> } } }
      }
      delete broken.data.web3_data.transfer_intent.call_data.signature
      const { result } = yield* onLoopback(
        { status: 200, body: JSON.stringify(broken) },
        Credits.createCoinbaseCharge({ bearer: BEARER }, charge)
      )
      const error = failureOf(result)
      expect(error._tag === "ResponseValidationError" && error.issues[0]!.path).toBe(
        "data.web3_data.transfer_intent.call_data.signature"
      )
    }))
})

describe("transport failures", () => {
  it.effect("an attempt that outlives the timeout is RequestTimeoutError", () =>
    Effect.gen(function*() {
      const fiber = yield* fork(Effect.flip(Credits.getCredits))
      yield* TestClock.adjust("4999 millis")
      expect(isRunning(fiber)).toBe(true)
      yield* TestClock.adjust("1 millis")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RequestTimeoutError")
      expect(error.message).toContain("5s")
    }).pipe(Effect.provide(emulated({
      config: { timeout: "5 seconds" },
      faults: { "GET /credits": [OpenRouterTest.delay("1 hour")] }
    }))))
})

describe("createCoinbaseCharge says what each input must be", () => {
  const bad = (security: unknown, input: unknown) =>
    Effect.flip(
      Credits.createCoinbaseCharge(
        security as Credits.CoinbaseChargeSecurity,
        input as Schemas.CreateChargeRequest
      )
    ).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } })))
  const good = { amount: 1, sender: SENDER, chainId: 1 }

  it.effect.each(
    [
      ["no request", undefined, "request", "an object { amount, sender, chainId }"],
      ["a negative amount", { ...good, amount: -1 }, "amount", "a finite number of US dollars above 0"],
      ["an amount as text", { ...good, amount: "5" }, "amount", "a finite number of US dollars above 0"],
      [
        "a sender as a number",
        { ...good, sender: 42 },
        "sender",
        "an EVM address: 0x followed by 40 hexadecimal digits"
      ],
      ["a short sender", { ...good, sender: "0x12" }, "sender", "an EVM address: 0x followed by 40 hexadecimal digits"],
      ["an unknown chain", { ...good, chainId: 10 }, "chainId", "one of 1 (Ethereum), 137 (Polygon) or 8453 (Base)"],
      [
        "a request whose reading throws",
        Object.defineProperty({}, "amount", {
          enumerable: true,
          get() {
            throw new Error("boom")
          }
        }),
        "request",
        "a readable object { amount, sender, chainId }"
      ]
    ] as const
  )("%s: the field and what it must be", ([, input, field, expected]) =>
    Effect.gen(function*() {
      expect(yield* bad({ bearer: OpenRouterTest.ordinaryKey }, input)).toEqual(
        new Errors.RequestValidationError({ operation: "createCoinbaseCharge", field, expected })
      )
    }))

  it.effect("no security object, or one whose reading throws: the bearer is what is wrong", () =>
    Effect.gen(function*() {
      expect(yield* bad(undefined, good)).toMatchObject({
        operation: "createCoinbaseCharge",
        field: "bearer",
        expected: "a non-empty token of visible ASCII characters, without spaces or line breaks"
      })
      const throwing = Object.defineProperty({}, "bearer", {
        get() {
          throw new Error("boom")
        }
      })
      expect(yield* bad(throwing, good)).toEqual(
        new Errors.RequestValidationError({
          operation: "createCoinbaseCharge",
          field: "bearer",
          expected: "a readable { bearer } object"
        })
      )
    }))
})
