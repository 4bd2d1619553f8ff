import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { ApiKeys, Credits, type Errors, type OpenRouterConfig, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { recordingLogger, recordingTracer, renderings } from "../support/observe.js"
import { API_KEY, BEARER, CHARGE_INPUT, fork, TestClock, writeReport } from "../support/seam.js"
import type { Requirements } from "./support/wire.js"

const figures = { cases: 0, outputsChecked: 0 }
afterAll(() => writeReport("secrets", figures))

const SECRETS = [API_KEY, BEARER, "TESTKEY", "TESTBEARER"]
const charge = CHARGE_INPUT

const answers: ReadonlyArray<readonly [string, OpenRouterTest.Step]> = [
  ["400", OpenRouterTest.status(400)],
  ["401 for an unknown key, from the emulator itself", OpenRouterTest.pass],
  ["403", OpenRouterTest.status(403, { message: "Only management keys can perform this operation" })],
  ["410", OpenRouterTest.status(410)],
  ["429", OpenRouterTest.rateLimited(2)],
  ["500", OpenRouterTest.status(500)],
  ["502 html", OpenRouterTest.html(502)],
  ["200 wrong shape", OpenRouterTest.wrongShape],
  ["200 malformed JSON", OpenRouterTest.malformedJson()],
  [
    "headers that echo credentials",
    OpenRouterTest.status(401, {
      headers: { "set-cookie": `session=${API_KEY}`, "x-api-key": API_KEY, "www-authenticate": "Bearer" }
    })
  ],
  ["a lost connection", OpenRouterTest.disconnect],
  ["a refused connection", OpenRouterTest.refuse],
  ["no answer (timeout)", OpenRouterTest.delay("1 hour")]
]

const operations: ReadonlyArray<
  readonly [string, Effect.Effect<unknown, Errors.OpenRouterError, Requirements>]
> = [
  ["getCredits", Credits.getCredits],
  ["getCurrentKey", ApiKeys.getCurrentKey],
  ["createCoinbaseCharge", Credits.createCoinbaseCharge({ bearer: BEARER }, charge)]
]

const emulated = (faults: ReadonlyArray<OpenRouterTest.Step>, config: Partial<OpenRouterConfig.Options> = {}) =>
  OpenRouterTest.layer({
    config: { apiKey: API_KEY, retry: Retry.none, timeout: "1 second", ...config },
    faults: { "GET /credits": faults, "GET /key": faults, "POST /credits/coinbase": faults }
  })

describe("secrets", () => {
  for (const [operationName, operation] of operations) {
    it.effect.each(answers)(
      `${operationName}: no key in the error, logs or spans on %s`,
      ([, answer]) =>
        Effect.gen(function*() {
          const tracer = recordingTracer()
          const logger = recordingLogger()
          const fiber = yield* operation.pipe(
            Effect.tapError((e) => Effect.logError("call failed", e)),
            Effect.flip,
            Effect.provide(Layer.merge(tracer.layer, logger.layer)),
            fork
          )
          yield* TestClock.adjust("1 second")
          const error = yield* Fiber.join(fiber)
          const emulator = yield* OpenRouterTest.Emulator
          expect(emulator.requests).toHaveLength(1)
          // the scan below reads the error as a JSON or logfmt logger renders it
          expect(logger.lines.some((line) => line.includes(error._tag))).toBe(true)
          const outputs = [
            ...renderings(error),
            ...logger.lines,
            JSON.stringify(tracer.spans.map((s) => [s.name, [...s.attributes], s.events])),
            JSON.stringify(emulator.requests)
          ]
          for (const output of outputs) {
            for (const secret of SECRETS) {
              expect(output).not.toContain(secret)
            }
          }
          figures.cases++
          figures.outputsChecked += outputs.length
        }).pipe(Effect.provide(emulated([answer])))
    )
  }

  it.effect.each([` ${BEARER}`, `${BEARER}\n`, `${BEARER}\r\nX-Injected: 1`])(
    "an invalid bearer %j never appears in the error, and nothing is sent",
    (bearer) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Credits.createCoinbaseCharge({ bearer }, charge))
        expect(error._tag).toBe("RequestValidationError")
        for (const output of renderings(error)) expect(output).not.toContain("TESTBEARER")
        expect((yield* OpenRouterTest.Emulator).requests).toHaveLength(0)
      }).pipe(Effect.provide(emulated([])))
  )

  it.effect("response headers that carry credentials are not kept on errors", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Credits.getCredits)
      const headers = error._tag === "UnauthorizedResponseError" ? error.headers : {}
      expect(headers).toMatchObject({ "content-type": "application/json", "x-ratelimit-limit": "10" })
      expect(Object.keys(headers)).not.toContain("set-cookie")
      expect(Object.keys(headers)).not.toContain("x-api-key")
    }).pipe(Effect.provide(emulated([
      OpenRouterTest.status(401, { headers: { "set-cookie": "s=1", "x-api-key": "k", "x-ratelimit-limit": "10" } })
    ]))))
})

describe("tracing", () => {
  it.effect("each operation runs in a client span with the status and no secret", () =>
    Effect.gen(function*() {
      const tracer = recordingTracer()
      yield* Credits.getCredits.pipe(Effect.flip, Effect.provide(tracer.layer))
      const span = tracer.spans.find((s) => s.name === "OpenRouter.getCredits")
      expect(span?.kind).toBe("client")
      expect(span?.attributes.get("http.response.status_code")).toBe(403)
      expect(span?.attributes.get("http.request.method")).toBe("GET")
      expect(tracer.spans.map((s) => s.name)).toEqual(["OpenRouter.getCredits"])
      const [request] = (yield* OpenRouterTest.Emulator).requests
      expect(request!.headers["traceparent"]).toBeUndefined()
      expect(request!.headers["b3"]).toBeUndefined()
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.ordinaryKey } }))))

  it.effect("propagateTraceContext sends traceparent and b3", () =>
    Effect.gen(function*() {
      const tracer = recordingTracer()
      yield* Credits.getCredits.pipe(Effect.provide(tracer.layer))
      const [request] = (yield* OpenRouterTest.Emulator).requests
      expect(request!.headers["traceparent"]).toMatch(/^00-/)
      expect(request!.headers["b3"]).toMatch(/^trace\d+-span\d+-1/) // the recording tracer's ids
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { propagateTraceContext: true } }))))
})
