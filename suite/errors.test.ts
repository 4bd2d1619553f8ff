import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Schema } from "effect"
import { Credits, Errors, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { boundaryCodec, logJsonInto } from "../support/seam.js"

const response = { status: 500, method: "GET", url: "https://openrouter.ai/api/v1/credits", headers: {}, attempts: 2 }
const detail = { code: 500, message: "boom", metadata: { error_type: "server", nested: { a: [1, 2] } } }

/** One instance of every error class, with every optional field set. */
const samples: ReadonlyArray<Errors.OpenRouterError> = [
  new Errors.BadRequestResponseError({ ...response, status: 400, error: { ...detail, code: 400 }, userId: "u1" }),
  new Errors.UnauthorizedResponseError({ ...response, status: 401, error: { ...detail, code: 401 } }),
  new Errors.ForbiddenResponseError({ ...response, status: 403, error: { code: 403, message: "" }, body: "<html/>" }),
  new Errors.TooManyRequestsResponseError({
    ...response,
    status: 429,
    error: { ...detail, code: 429 },
    retryAfter: Duration.seconds(7)
  }),
  new Errors.InternalServerResponseError({ ...response, error: detail }),
  new Errors.GoneResponseError({ ...response, method: "POST", status: 410, error: { ...detail, code: 410 } }),
  new Errors.OpenRouterDefaultError({
    ...response,
    status: 503,
    retryAfter: Duration.millis(1500),
    contentType: "text/html",
    body: "<html/>",
    unreadEncoding: "gzip"
  }),
  new Errors.ResponseValidationError({
    ...response,
    status: 200,
    issues: [{ path: "data", message: "missing" }],
    body: "{}"
  }),
  new Errors.RequestValidationError({ operation: "getCredits", field: "baseUrl", expected: "a URL" }),
  new Errors.ConnectionError({ method: "GET", url: response.url, reason: "HostNotFound", detail: "ENOTFOUND" }),
  new Errors.RequestTimeoutError({ method: "GET", url: response.url, timeout: Duration.seconds(30), attempts: 1 }),
  new Errors.InsufficientCreditsError({ remaining: 0.25, required: 1, source: "key" })
]

describe("errors cross a worker or RPC boundary", () => {
  it.each(samples.map((error) => [error._tag, error] as const))(
    "%s: encode, JSON, decode gives an equal error with the same message",
    (_, error) => {
      const schema = boundaryCodec(error)
      const wire = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(error)))
      const back = Schema.decodeUnknownSync(schema)(wire)
      expect(back).toEqual(error)
      expect(back.message).toBe(error.message)
      expect(Errors.isOpenRouterError(back)).toBe(true)
    }
  )

  it.each(samples.map((error) => [error._tag, error] as const))(
    "%s: JSON.stringify keeps the message and renders durations as data",
    (_, error) => {
      const json = JSON.parse(JSON.stringify(error))
      expect(json._tag).toBe(error._tag)
      expect(json.message).toBe(error.message)
      expect(JSON.stringify(json)).not.toContain("DurationValue")
    }
  )
})

describe("Errors.isOpenRouterError", () => {
  it("is true for the SDK's errors only, not for look-alikes with the same _tag", () => {
    for (const error of samples) expect(Errors.isOpenRouterError(error)).toBe(true)
    const lookAlikes = [
      { _tag: "ConnectionError" },
      { _tag: "TooManyRequestsResponseError", status: 429 },
      Object.assign(new Error("x"), { _tag: "RequestTimeoutError" }),
      null,
      "ConnectionError",
      42
    ]
    for (const u of lookAlikes) expect(Errors.isOpenRouterError(u)).toBe(false)
  })

  it.each(samples.map((error) => [error._tag, error] as const))("%s carries the brand as its value", (_, error) => {
    expect((error as unknown as Record<symbol, unknown>)[Errors.TypeId]).toBe(Errors.TypeId)
  })
})

describe("predicates for the classes users filter on", () => {
  const of = (status: number) =>
    status === 429
      ? new Errors.TooManyRequestsResponseError({ ...response, status, error: { code: status, message: "" } })
      : new Errors.OpenRouterDefaultError({ ...response, status, contentType: "", body: "" })
  it.each([
    [500, true, false, false],
    [502, true, false, false],
    [503, true, false, false],
    [504, true, false, false],
    [599, true, false, false],
    [429, false, true, false],
    [404, false, false, false],
    [499, false, false, false],
    [600, false, false, false]
  ])("status %i: isServerError %s, isRateLimited %s, isAuthError %s", (status, server, limited, auth) => {
    const error = of(status)
    expect([Errors.isServerError(error), Errors.isRateLimited(error), Errors.isAuthError(error)]).toEqual([
      server,
      limited,
      auth
    ])
  })

  it.effect("401 and 403 are auth errors; a timeout or bad input is none of them", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.status(401), OpenRouterTest.status(403))
      const unauthorized = yield* Effect.flip(Credits.getCredits)
      const forbidden = yield* Effect.flip(Credits.getCredits)
      expect([Errors.isAuthError(unauthorized), Errors.isAuthError(forbidden)]).toEqual([true, true])
      const timeout = samples.find((e) => e._tag === "RequestTimeoutError")!
      expect([Errors.isServerError(timeout), Errors.isRateLimited(timeout), Errors.isAuthError(timeout)]).toEqual([
        false,
        false,
        false
      ])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))
})

describe("durations for people", () => {
  it.each([
    [Duration.millis(250), "250ms"],
    [Duration.millis(2_400), "2s"],
    [Duration.seconds(90), "1m 30s"],
    [Duration.days(400), "more than a year"]
  ])("%s is shown as %s", (duration, shown) => {
    expect(Errors.formatDuration(duration)).toBe(shown)
  })

  it.effect("a JSON logger line of an error holds its message", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const error = samples.find((e) => e._tag === "TooManyRequestsResponseError")!
      yield* Effect.logError("call failed", error).pipe(logJsonInto(lines))
      expect(lines.join("\n")).toContain("The server asked to wait 7s")
    }))
})
