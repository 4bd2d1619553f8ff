import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { Credits, type Errors, OpenRouterConfig, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import {
  API_KEY,
  CHARGE_INPUT,
  fork,
  HttpClient,
  HttpClientError,
  invalidUrlFailure,
  outcome,
  SENDER,
  TestClock,
  transportFailure
} from "../support/seam.js"

// Expectations written from the contract (README's retry table, OpenRouter's documented statuses), not from
// src/: a rule wrong in both places must not agree with itself.
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504, 524, 529])
const TYPED: Record<number, Errors.OpenRouterError["_tag"]> = {
  400: "BadRequestResponseError",
  401: "UnauthorizedResponseError",
  402: "PaymentRequiredResponseError",
  403: "ForbiddenResponseError",
  404: "NotFoundResponseError",
  409: "ConflictResponseError",
  429: "TooManyRequestsResponseError",
  500: "InternalServerResponseError",
  502: "BadGatewayResponseError",
  524: "EdgeNetworkTimeoutResponseError",
  529: "ProviderOverloadedResponseError"
}
const BODYLESS = new Set([204, 205, 304])
const statuses = Array.from({ length: 400 }, (_, i) => 200 + i).filter((s) => s >= 300 && !BODYLESS.has(s))

const charge = Credits.createCoinbaseCharge({ bearer: OpenRouterTest.ordinaryKey }, CHARGE_INPUT)

describe("every status: its class, isTransient and isSafeToRepeat, as the contract says", () => {
  it.effect("GET /credits, statuses 300-599", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const seen: Array<readonly [number, string, boolean, boolean]> = []
      const expected: Array<readonly [number, string, boolean, boolean]> = []
      for (const status of statuses) {
        yield* emulator.script("GET /credits", OpenRouterTest.status(status, { message: "emulated" }))
        const error = yield* Effect.flip(Credits.getCredits)
        seen.push([status, error._tag, Retry.isTransient(error), Retry.isSafeToRepeat(error)])
        expected.push([
          status,
          TYPED[status] ?? "OpenRouterDefaultError",
          TRANSIENT_STATUSES.has(status),
          status === 429
        ])
      }
      expect(seen).toEqual(expected)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("POST /credits/coinbase: the same, but 410 is the endpoint's removal", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const seen: Array<readonly [number, string, boolean]> = []
      const expected: Array<readonly [number, string, boolean]> = []
      for (const status of statuses) {
        yield* emulator.script("POST /credits/coinbase", OpenRouterTest.status(status, { message: "emulated" }))
        const error = yield* Effect.flip(charge)
        seen.push([status, error._tag, Retry.isTransient(error)])
        expected.push([
          status,
          status === 410 ? "GoneResponseError" : TYPED[status] ?? "OpenRouterDefaultError",
          TRANSIENT_STATUSES.has(status)
        ])
      }
      expect(seen).toEqual(expected)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))
})

/** A transport that fails every request the way a real one does, with `cause`. */
const failingWith = (
  error: (request: Parameters<Parameters<typeof HttpClient.make>[0]>[0]) => HttpClientError.HttpClientError
) => Layer.succeed(HttpClient.HttpClient, HttpClient.make((request) => Effect.fail(error(request))))

const withCode = (code: string, message = `${code} (emulated)`) => Object.assign(new Error(message), { code })

const transportFailures: ReadonlyArray<
  readonly [string, (request: never) => HttpClientError.HttpClientError, string, boolean, boolean]
> = [
  [
    "undici: connect ECONNREFUSED",
    (request) => transportFailure(request, withCode("ECONNREFUSED")),
    "ConnectionRefused",
    true,
    true
  ],
  [
    "fetch: fetch failed, caused by ECONNREFUSED",
    (request) => transportFailure(request, new TypeError("fetch failed", { cause: withCode("ECONNREFUSED") })),
    "ConnectionRefused",
    true,
    true
  ],
  [
    "undici: getaddrinfo ENOTFOUND (DNS)",
    (request) => transportFailure(request, withCode("ENOTFOUND", "getaddrinfo ENOTFOUND openrouter.invalid")),
    "HostNotFound",
    true,
    true
  ],
  [
    "fetch: fetch failed, caused by ENOTFOUND (DNS)",
    (request) => transportFailure(request, new TypeError("fetch failed", { cause: withCode("ENOTFOUND") })),
    "HostNotFound",
    true,
    true
  ],
  [
    "getaddrinfo EAI_AGAIN (DNS not answering)",
    (request) => transportFailure(request, withCode("EAI_AGAIN")),
    "HostNotFound",
    true,
    true
  ],
  [
    "socket hang up (ECONNRESET)",
    (request) => transportFailure(request, withCode("ECONNRESET")),
    "Transport",
    true,
    false
  ],
  [
    "an invalid URL",
    (request) => invalidUrlFailure(request, new TypeError("Invalid URL")),
    "InvalidUrl",
    false,
    false
  ]
]

describe("every transport failure: its reason, isTransient and isSafeToRepeat", () => {
  it.effect.each(transportFailures)(
    "%s: ConnectionError %s",
    ([, fail, reason, transient, safe]) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Credits.getCredits)
        expect(error).toMatchObject({ _tag: "ConnectionError", reason })
        expect([Retry.isTransient(error), Retry.isSafeToRepeat(error)]).toEqual([transient, safe])
        expect(error._tag === "ConnectionError" && error.requestNotSent).toBe(safe || reason === "InvalidUrl")
      }).pipe(
        Effect.provide(failingWith(fail as never)),
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none }))
      )
  )

  it.effect("a timeout is transient but not safe to repeat; bad input and bad bodies are neither", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.delay("1 hour"), OpenRouterTest.wrongShape)
      const fiber = yield* fork(Effect.flip(Credits.getCredits))
      yield* TestClock.adjust("1 minute")
      const timeout = yield* Fiber.join(fiber)
      const wrongShape = yield* Effect.flip(Credits.getCredits)
      const badInput = yield* Effect.flip(
        Credits.createCoinbaseCharge({ bearer: "tok" }, { amount: -1, sender: SENDER, chainId: 1 })
      )
      expect([timeout, wrongShape, badInput].map((e) => [e._tag, Retry.isTransient(e), Retry.isSafeToRepeat(e)]))
        .toEqual([
          ["RequestTimeoutError", true, false],
          ["ResponseValidationError", false, false],
          ["RequestValidationError", false, false]
        ])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none, timeout: "30 seconds" } }))))
})

describe("the 403 advice is given where it applies, whatever the server's own words", () => {
  it.effect("GET /credits: a management key is needed, and GET /key works with any key", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(403, { message: "Forbidden" }))
      const error = yield* Effect.flip(Credits.getCredits)
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error.message).toContain("needs a management key")
      expect(error.message).toContain("GET /key")
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("POST /credits/coinbase: no management-key advice", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("POST /credits/coinbase", OpenRouterTest.status(403, { message: "Forbidden" }))
      const error = yield* Effect.flip(charge)
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error.message).not.toMatch(/management/i)
      expect(error.message).toContain("lacks permission")
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))
})

describe("the cap on a server's Retry-After is inclusive", () => {
  it.effect.each([[30, 2], [31, 1]] as const)(
    "Retry-After %i s: %i requests",
    ([seconds, requests]) =>
      Effect.gen(function*() {
        const emulator = yield* OpenRouterTest.Emulator
        yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(seconds))
        const fiber = yield* fork(outcome(Credits.getCredits))
        yield* TestClock.adjust("2 minutes")
        yield* Fiber.join(fiber)
        expect(emulator.requests).toHaveLength(requests)
        if (requests === 2) {
          expect(emulator.requests[1]!.receivedAt - emulator.requests[0]!.receivedAt).toBe(seconds * 1000)
        }
      }).pipe(Effect.provide(OpenRouterTest.layer()))
  )
})
