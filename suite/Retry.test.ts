import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Schedule } from "effect"
import { Credits, Errors, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { drivingClock } from "../support/clock.js"
import { recordingLogger, recordingTracer } from "../support/observe.js"
import {
  CHARGE_INPUT,
  delaysOf,
  type DurationInput,
  fork,
  jitteredExponential,
  outcome,
  retriesWhile,
  scoped,
  TestClock,
  withSeed
} from "../support/seam.js"
import type { Requirements } from "./support/wire.js"

const charge = Credits.createCoinbaseCharge({ bearer: OpenRouterTest.ordinaryKey }, CHARGE_INPUT)

const failing = (status: number, headers: Record<string, string> = {}) =>
  OpenRouterTest.status(status, { message: "try later", headers })

/** The same step for every request (more than any schedule here makes). */
const always = (step: OpenRouterTest.Step) => Array<OpenRouterTest.Step>(12).fill(step)

const hang = OpenRouterTest.delay("1 hour")

/**
 * Runs `effect` on TestClock against the emulator scripted with `faults` on both routes, advancing time by
 * `advance`; returns the result, the requests and the waits between them.
 */
const drive = <A, E>(
  effect: Effect.Effect<A, E, Requirements>,
  faults: ReadonlyArray<OpenRouterTest.Step>,
  config: Partial<OpenRouterConfig.Options> = {},
  advance: DurationInput = "2 minutes"
) =>
  Effect.gen(function*() {
    const fiber = yield* fork(outcome(effect))
    yield* TestClock.adjust(advance)
    const result = yield* Fiber.join(fiber)
    const { requests } = yield* OpenRouterTest.Emulator
    const waits = requests.slice(1).map((request, i) => request.receivedAt - requests[i]!.receivedAt)
    return { result, waits, requests }
  }).pipe(
    Effect.provide(
      OpenRouterTest.layer({ config, faults: { "GET /credits": faults, "POST /credits/coinbase": faults } })
    )
  )

describe("Retry.defaultSchedule", () => {
  it.effect("makes 5 attempts on a persistent 500, backing off ×2 from 500 ms with jitter", () =>
    Effect.gen(function*() {
      const { requests, result, waits } = yield* drive(Credits.getCredits, always(failing(500)))
      expect(requests).toHaveLength(5)
      expect(result._tag).toBe("Failure")
      const bounds = [[400, 600], [800, 1200], [1600, 2400], [3200, 4800]]
      waits.forEach((wait, i) => {
        expect(wait).toBeGreaterThanOrEqual(bounds[i]![0]!)
        expect(wait).toBeLessThanOrEqual(bounds[i]![1]!)
      })
    }))

  it.effect("jitter stays within ×0.8–1.2 of each step over many runs", () =>
    Effect.gen(function*() {
      const error = new Errors.InternalServerResponseError({
        status: 500,
        method: "GET",
        url: "u",
        headers: {},
        error: { code: 500, message: "boom" }
      })
      const runs: Array<ReadonlyArray<number>> = []
      for (let run = 0; run < 200; run++) {
        const delays = yield* delaysOf(Retry.defaultSchedule, Array(10).fill(error)).pipe(withSeed(run))
        expect(delays[4]).toBe(0) // the fifth step is the decision to stop
        runs.push(delays.slice(0, 4))
      }
      for (const delays of runs) {
        delays.forEach((delay, i) => {
          expect(Number.isInteger(delay)).toBe(true)
          expect(delay).toBeGreaterThanOrEqual(500 * 2 ** i * 0.8)
          expect(delay).toBeLessThanOrEqual(500 * 2 ** i * 1.2)
        })
      }
      expect(new Set(runs.map((delays) => delays[0])).size).toBeGreaterThan(100)
    }))

  it.effect("the final error records how many attempts were made", () =>
    Effect.gen(function*() {
      const { result } = yield* drive(Credits.getCredits, always(failing(502)))
      expect(result._tag === "Failure" && (result.failure as Errors.OpenRouterDefaultError).attempts).toBe(5)
    }))

  it.effect.each(
    [
      ["Retry-After: 3", { "retry-after": "3" }, 3000],
      ["retry-after-ms: 1500", { "retry-after-ms": "1500" }, 1500],
      ["Retry-After as an HTTP date 5 s ahead", { "retry-after": new Date(5000).toUTCString() }, 5000]
    ] as const
  )("waits at least the server's %s", ([, headers, wait]) =>
    Effect.gen(function*() {
      const { requests, result, waits } = yield* drive(
        Credits.getCredits,
        [failing(429, headers)]
      )
      expect(result._tag).toBe("Success")
      expect(requests).toHaveLength(2)
      expect(waits[0]).toBe(wait)
    }))

  it.effect("a Retry-After above 30 s fails at once, carrying the duration", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(Credits.getCredits, always(failing(429, { "retry-after": "120" })))
      expect(requests).toHaveLength(1)
      const error = result._tag === "Failure" ? result.failure : undefined
      expect(error?._tag).toBe("TooManyRequestsResponseError")
      expect(Duration.toSeconds((error as Errors.TooManyRequestsResponseError).retryAfter!)).toBe(120)
    }))

  it.effect("a 503 with a Retry-After above 30 s fails at once too", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(Credits.getCredits, always(failing(503, { "retry-after": "31" })))
      expect(requests).toHaveLength(1)
      expect(result._tag === "Failure" && Duration.toSeconds(Retry.retryAfterOf(result.failure)!)).toBe(31)
    }))

  it.effect.each(["soon", "-3", "1e3"])(
    "a Retry-After of %j is ignored: the default backoff is used",
    (value) =>
      Effect.gen(function*() {
        const { requests, waits } = yield* drive(
          Credits.getCredits,
          [failing(429, { "retry-after": value })]
        )
        expect(requests).toHaveLength(2)
        expect(waits[0]).toBeGreaterThanOrEqual(400)
        expect(waits[0]).toBeLessThanOrEqual(600)
      })
  )

  it.effect("stops when the waits would pass 60 s in all", () =>
    Effect.gen(function*() {
      const { requests, waits } = yield* drive(
        Credits.getCredits,
        always(failing(429, { "retry-after": "25" })),
        {},
        "5 minutes"
      )
      expect(waits).toEqual([25_000, 25_000])
      expect(requests).toHaveLength(3)
    }))

  it.effect.each([400, 401, 403, 404, 410, 418])("never retries a %i", (status) =>
    Effect.gen(function*() {
      const { requests } = yield* drive(Credits.getCredits, always(failing(status)))
      expect(requests).toHaveLength(1)
    }))

  it.effect("never retries a 200 of the wrong shape", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(Credits.getCredits, always(OpenRouterTest.reply(200, { data: {} })))
      expect(requests).toHaveLength(1)
      expect(result._tag === "Failure" && result.failure._tag).toBe("ResponseValidationError")
    }))

  it.effect("retries a timed-out GET", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(
        Credits.getCredits,
        [hang],
        { timeout: "1 second" }
      )
      expect(requests).toHaveLength(2)
      expect(result._tag).toBe("Success")
    }))
})

describe("POST safety", () => {
  it.effect("createCoinbaseCharge is not retried after a 500", () =>
    Effect.gen(function*() {
      const { requests } = yield* drive(charge, always(failing(500)))
      expect(requests).toHaveLength(1)
    }))

  it.effect.each([502, 503, 504])("createCoinbaseCharge is not retried after a %i", (status) =>
    Effect.gen(function*() {
      const { requests } = yield* drive(charge, always(failing(status)))
      expect(requests).toHaveLength(1)
    }))

  it.effect("createCoinbaseCharge is not retried after a timeout", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(charge, always(hang), { timeout: "1 second" })
      expect(requests).toHaveLength(1)
      expect(result._tag === "Failure" && result.failure._tag).toBe("RequestTimeoutError")
    }))

  it.effect("createCoinbaseCharge is retried after a 429", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(charge, [failing(429)])
      expect(requests).toHaveLength(2)
      expect(result._tag).toBe("Success")
    }))

  it.effect("createCoinbaseCharge is retried after a refused connection", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(charge, [OpenRouterTest.refuse])
      expect(requests).toHaveLength(2)
      expect(result._tag).toBe("Success")
    }))
})

describe("levels of control", () => {
  it.effect("global: OpenRouterConfig's retry replaces the default", () =>
    Effect.gen(function*() {
      const { requests } = yield* drive(Credits.getCredits, always(failing(400)), { retry: Schedule.recurs(2) })
      expect(requests).toHaveLength(3)
    }))

  it.effect("global: Retry.none turns retries off", () =>
    Effect.gen(function*() {
      const { requests } = yield* drive(Credits.getCredits, always(failing(500)), { retry: Retry.none })
      expect(requests).toHaveLength(1)
    }))

  it.effect("per call: Retry.withSchedule wins over the global schedule", () =>
    Effect.gen(function*() {
      const { requests } = yield* drive(
        Credits.getCredits.pipe(Retry.withSchedule(Schedule.recurs(1))),
        always(failing(500)),
        { retry: Schedule.recurs(3) }
      )
      expect(requests).toHaveLength(2)
    }))

  it.effect("per call: Retry.withSchedule(Retry.none) makes one attempt", () =>
    Effect.gen(function*() {
      const { requests } = yield* drive(Credits.getCredits.pipe(Retry.withSchedule(Retry.none)), always(failing(500)))
      expect(requests).toHaveLength(1)
    }))

  it.effect("per call: it applies to every call inside a composed program", () =>
    Effect.gen(function*() {
      const program = Effect.zip(Credits.getCredits.pipe(outcome), Credits.getCredits.pipe(outcome))
      const { requests } = yield* drive(program.pipe(Retry.withSchedule(Schedule.recurs(1))), always(failing(500)))
      expect(requests).toHaveLength(4)
    }))

  it.effect("outside: with retries off inside, Effect.retry sees every attempt's typed error", () =>
    Effect.gen(function*() {
      const seen: Array<string> = []
      const outside = Credits.getCredits.pipe(
        Retry.withSchedule(Retry.none),
        Effect.tapError((e) => Effect.sync(() => seen.push(`${e._tag}:${"status" in e ? e.status : ""}`))),
        Effect.retry({ times: 2, while: (e) => e._tag === "InternalServerResponseError" })
      )
      const { requests } = yield* drive(outside, always(failing(500)))
      expect(requests).toHaveLength(3)
      expect(seen).toEqual(Array(3).fill("InternalServerResponseError:500"))
    }))

  it.effect("withServerHints keeps the wrapped schedule's output: the error it carries is dropped", () =>
    Effect.gen(function*() {
      const error = new Errors.InternalServerResponseError({
        method: "GET",
        url: "https://openrouter.ai/api/v1/credits",
        attempts: 1,
        headers: {},
        status: 500,
        error: { code: 500, message: "" }
      })
      expect(yield* Effect.repeat(Effect.succeed(error), Retry.withServerHints(Schedule.recurs(2)))).toBe(2)
    }))

  it.effect("a custom schedule sees the typed error: retry only 429s with the server's hint", () =>
    Effect.gen(function*() {
      const onlyRateLimits = retriesWhile(
        Retry.withServerHints(Schedule.spaced("1 second")),
        5,
        (e) => e._tag === "TooManyRequestsResponseError"
      )
      const { requests, waits } = yield* drive(
        Credits.getCredits,
        [failing(429, { "retry-after": "4" }), failing(429), failing(500)],
        { retry: onlyRateLimits }
      )
      expect(requests).toHaveLength(3)
      expect(waits).toEqual([4000, 1000])
    }))
})

describe("observability and interruption", () => {
  it.effect("each retry logs at debug and adds a span event with attempt, status and delay", () =>
    Effect.gen(function*() {
      const tracer = recordingTracer()
      const logger = recordingLogger()
      yield* drive(Credits.getCredits, [failing(429, { "retry-after": "2" })]).pipe(
        Effect.provide(Layer.merge(tracer.layer, logger.layer))
      )
      const span = tracer.spans.find((s) => s.name === "OpenRouter.getCredits")!
      expect(span.events.filter((e) => e.name === "openrouter.retry")).toEqual([{
        name: "openrouter.retry",
        attributes: {
          "openrouter.attempt": 1,
          "openrouter.error": "TooManyRequestsResponseError",
          "openrouter.retry_delay_ms": 2000,
          "http.response.status_code": 429
        }
      }])
      const line = logger.lines.find((l) => l.includes("retrying"))
      expect(line).toContain("level=DEBUG")
      expect(line).toContain("attempt 1 failed (TooManyRequestsResponseError 429); retrying in 2s")
    }))

  it.effect("interrupting during a wait stops at once with no further request", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const fiber = yield* fork(Credits.getCredits)
      yield* TestClock.adjust("100 millis")
      expect(emulator.requests).toHaveLength(1)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("5 minutes")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer({ faults: { "GET /credits": always(failing(500)) } }))))

  it.effect("interrupting during an attempt stops at once with no further request", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const fiber = yield* fork(Credits.getCredits)
      yield* TestClock.adjust("10 millis")
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("5 minutes")
      expect(emulator.requests).toHaveLength(1)
    }).pipe(Effect.provide(OpenRouterTest.layer({ faults: { "GET /credits": always(hang) } }))))
})

describe("against the loopback server", () => {
  scoped("429, 503, then 200: succeeds with 3 requests seen by the server", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve({
        faults: { "GET /credits": [OpenRouterTest.rateLimited(1), OpenRouterTest.html(503)] }
      })
      const { result: balance } = yield* drivingClock(Credits.getCredits.pipe(
        Effect.provide(Layer.merge(
          OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url }),
          HttpLayer.layer
        ))
      ))
      expect(balance.remaining).toBe(74.75)
      expect(emulator.requests).toHaveLength(3)
    }))
})

describe("a schedule of the user's under TestClock", () => {
  it.effect("jittered waits are kept in whole milliseconds: Effect 3's TestClock never reaches a fractional instant", () =>
    Effect.gen(function*() {
      const jittered = jitteredExponential("100 millis", 3)
      for (let run = 0; run < 25; run++) {
        const { result, waits } = yield* drive(
          Credits.getCredits.pipe(Retry.withSchedule(jittered)),
          [failing(500), failing(503), failing(500)]
        )
        expect(result._tag).toBe("Success")
        expect(waits.every(Number.isInteger)).toBe(true)
      }
    }))
})
