import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { Credits, type Errors, OpenRouterConfig, Retry } from "openrouter-effect"
import { API_KEY, BEARER, envelope, SENDER } from "./support/fixtures.js"
import { json, memory } from "./support/memory.js"
import { recordingLogger, recordingTracer, renderings } from "./support/observe.js"

type Requirements = OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient

const SECRETS = [API_KEY, BEARER, "TESTKEY", "TESTBEARER"]
const charge = { amount: 10, sender: SENDER, chainId: 1 } as const

const answers: ReadonlyArray<readonly [string, () => Response | Effect.Effect<Response>]> = [
  ["400", () => json(400, envelope(400, "bad"))],
  ["401", () => json(401, envelope(401, "Missing Authentication header"))],
  ["403", () => json(403, envelope(403, "Only management keys can perform this operation"))],
  ["410", () => json(410, envelope(410, "removed"))],
  ["429", () => json(429, envelope(429, "slow"), { "retry-after": "2" })],
  ["500", () => json(500, envelope(500, "boom"))],
  ["502 html", () => new Response("<html>bad gateway</html>", { status: 502 })],
  ["200 wrong shape", () => json(200, { data: { total_credits: "x" } })],
  ["set-cookie and auth echoes", () =>
    json(401, envelope(401, "no"), {
      "set-cookie": `session=${API_KEY}`,
      "x-api-key": API_KEY,
      "www-authenticate": "Bearer"
    })],
  ["never answers", () => Effect.never]
]

const operations: ReadonlyArray<
  readonly [string, (bearer: string) => Effect.Effect<unknown, Errors.OpenRouterError, Requirements>]
> = [
  ["getCredits", () => Credits.getCredits],
  ["createCoinbaseCharge", (bearer) => Credits.createCoinbaseCharge({ bearer }, charge)]
]

describe("secrets", () => {
  for (const [operationName, operation] of operations) {
    it.effect.each(answers)(
      `${operationName}: no key in the error, logs or spans on %s`,
      ([, answer]) =>
        Effect.gen(function*() {
          const tracer = recordingTracer()
          const logger = recordingLogger()
          const fake = memory(answer)
          const fiber = yield* operation(BEARER).pipe(
            Effect.tapError((e) => Effect.logError("call failed", e)),
            Effect.flip,
            Effect.provide(Layer.mergeAll(
              OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, timeout: "1 second" }),
              fake.layer,
              tracer.layer,
              logger.layer
            )),
            Effect.fork
          )
          yield* TestClock.adjust("1 second")
          const error = yield* Fiber.join(fiber)
          expect(fake.requests).toHaveLength(1)
          const outputs = [
            ...renderings(error),
            ...logger.lines,
            JSON.stringify(tracer.spans.map((s) => [s.name, [...s.attributes], s.events]))
          ]
          expect(logger.lines.length).toBeGreaterThan(0)
          for (const output of outputs) {
            for (const secret of SECRETS) {
              expect(output).not.toContain(secret)
            }
          }
        })
    )
  }

  it.effect.each([` ${BEARER}`, `${BEARER}\n`, `${BEARER}\r\nX-Injected: 1`])(
    "an invalid bearer %j never appears in the error",
    (bearer) =>
      Effect.gen(function*() {
        const fake = memory(() => json(200, {}))
        const error = yield* Credits.createCoinbaseCharge({ bearer }, charge).pipe(
          Effect.flip,
          Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none }), fake.layer))
        )
        expect(error._tag).toBe("RequestValidationError")
        for (const output of renderings(error)) expect(output).not.toContain("TESTBEARER")
      })
  )

  it.effect("response headers that carry credentials are not kept on errors", () =>
    Effect.gen(function*() {
      const fake = memory(() =>
        json(401, envelope(401, "no"), { "set-cookie": "s=1", "x-api-key": "k", "x-ratelimit-limit": "10" })
      )
      const error = yield* Credits.getCredits.pipe(
        Effect.flip,
        Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none }), fake.layer))
      )
      expect(error._tag === "UnauthorizedResponseError" && error.headers).toEqual({
        "content-type": "application/json",
        "x-ratelimit-limit": "10"
      })
    }))
})

describe("tracing", () => {
  it.effect("each operation runs in a client span with the status and no secret", () =>
    Effect.gen(function*() {
      const tracer = recordingTracer()
      const fake = memory(() => json(403, envelope(403, "Only management keys can perform this operation")))
      yield* Credits.getCredits.pipe(
        Effect.flip,
        Effect.provide(
          Layer.mergeAll(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none }), fake.layer, tracer.layer)
        )
      )
      const span = tracer.spans.find((s) => s.name === "OpenRouter.getCredits")
      expect(span?.kind).toBe("client")
      expect(span?.attributes.get("http.response.status_code")).toBe(403)
      expect(span?.attributes.get("http.request.method")).toBe("GET")
      expect(tracer.spans.map((s) => s.name)).toEqual(["OpenRouter.getCredits"])
      expect(fake.requests[0]!.request.headers.traceparent).toBeUndefined()
      expect(fake.requests[0]!.request.headers.b3).toBeUndefined()
    }))

  it.effect("propagateTraceContext sends traceparent and b3", () =>
    Effect.gen(function*() {
      const tracer = recordingTracer()
      const fake = memory(() => json(200, { data: { total_credits: 1, total_usage: 0 } }))
      yield* Credits.getCredits.pipe(
        Effect.provide(Layer.mergeAll(
          OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, propagateTraceContext: true }),
          fake.layer,
          tracer.layer
        ))
      )
      expect(fake.requests[0]!.request.headers.traceparent).toMatch(/^00-/)
      expect(fake.requests[0]!.request.headers.b3).toBeDefined()
    }))
})
