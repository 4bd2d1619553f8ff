import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Schedule } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { afterEach, vi } from "vitest"
import { strategyOf } from "../../src/internal/deadline.js"
import {
  API_KEY,
  type DurationInput,
  fork,
  HttpClient,
  isInterrupted,
  isRunning,
  scoped,
  TestClock
} from "../support/seam.js"
import { rawServer } from "./support/rawServer.js"

/**
 * A loopback server that never answers, with promises that settle when the request has arrived and when its
 * connection closes.
 */
const silentServer = Effect.gen(function*() {
  let arrived!: () => void
  let closed!: () => void
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve))
  const connectionClosed = new Promise<void>((resolve) => (closed = resolve))
  const { origin } = yield* rawServer((_, response) => {
    response.on("close", closed)
    arrived()
  })
  return { baseUrl: `${origin}/api/v1`, arrived: Effect.promise(() => requestArrived), connectionClosed }
})

const config = (baseUrl: string, timeout: DurationInput = "3 seconds") =>
  OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl, retry: Retry.none, timeout })

/** Lets pending I/O and fibers run, so that a failure that was going to happen has happened. */
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
const letIoRun = Effect.gen(function*() {
  for (let i = 0; i < 20; i++) yield* settle
})

afterEach(() => {
  vi.useRealTimers()
})

describe("per-attempt deadline on transports that honour AbortSignal", () => {
  it.each([["HttpLayer.layer (fetch)", HttpLayer.layer], ["NodeLayer.layer (undici)", NodeLayer.layer]] as const)(
    "%s, live clock: the timer aborts the request, which ends in RequestTimeoutError",
    async (_, transport) => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
      await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        const { arrived, baseUrl, connectionClosed } = yield* silentServer
        const fiber = yield* fork(
          Effect.flip(Credits.getCredits).pipe(Effect.provide(Layer.merge(config(baseUrl), transport)))
        )
        yield* arrived
        vi.advanceTimersByTime(2_999)
        yield* letIoRun
        expect(isRunning(fiber)).toBe(true)
        vi.advanceTimersByTime(1)
        const error = yield* Fiber.join(fiber)
        expect(error).toMatchObject({ _tag: "RequestTimeoutError", attempts: 1 })
        yield* Effect.promise(() => connectionClosed)
      })))
    }
  )

  // An hour, so that a deadline kept by a host timer instead of the Effect clock would outlast the test.
  scoped("TestClock: the same deadline keeps the Effect clock's time", () =>
    Effect.gen(function*() {
      const { arrived, baseUrl, connectionClosed } = yield* silentServer
      const fiber = yield* fork(
        Effect.flip(Credits.getCredits).pipe(Effect.provide(Layer.merge(config(baseUrl, "1 hour"), HttpLayer.layer)))
      )
      yield* arrived
      yield* TestClock.adjust(Duration.millis(3_599_999))
      yield* letIoRun
      expect(isRunning(fiber)).toBe(true)
      yield* TestClock.adjust("1 millis")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RequestTimeoutError")
      yield* Effect.promise(() => connectionClosed)
    }))

  scoped("interrupting the caller aborts the request in flight", () =>
    Effect.gen(function*() {
      const { arrived, baseUrl, connectionClosed } = yield* silentServer
      const fiber = yield* fork(
        Credits.getCredits.pipe(Effect.provide(Layer.merge(config(baseUrl), HttpLayer.layer)))
      )
      yield* arrived
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      expect(isInterrupted(exit)).toBe(true)
      const closed = yield* Effect.promise(() =>
        Promise.race([
          connectionClosed.then(() => "closed"),
          new Promise((resolve) => setTimeout(() => resolve("still open after 10 s"), 10_000))
        ])
      )
      expect(closed).toBe("closed")
    }))
})

describe("the connection after an attempt", () => {
  scoped.each(
    [["HttpLayer.layer (fetch)", HttpLayer.layer], ["NodeLayer.layer (undici)", NodeLayer.layer]] as const
  )(
    "%s: a body cut off at the read limit is not downloaded further",
    ([, transport]) =>
      Effect.gen(function*() {
        let closed!: () => void
        const connectionClosed = new Promise<void>((resolve) => (closed = resolve))
        let sent = 0
        const { origin } = yield* rawServer((_, response) => {
          response.writeHead(200, { "content-type": "application/json" })
          const chunk = Buffer.alloc(64 * 1024, "x")
          const pump = () => {
            while (sent < 200 * 1024 * 1024) {
              sent += chunk.length
              if (!response.write(chunk)) return response.once("drain", pump)
            }
            response.end()
          }
          response.on("close", () => {
            response.removeAllListeners("drain")
            closed()
          })
          pump()
        })
        const error = yield* Effect.flip(
          Credits.getCredits.pipe(Effect.provide(Layer.merge(config(`${origin}/api/v1`), transport)))
        )
        expect(error._tag).toBe("ResponseValidationError")
        yield* Effect.promise(() => connectionClosed)
        expect(sent).toBeLessThan(100 * 1024 * 1024)
      })
  )
})

/** A client that ignores its abort signal and never answers; counts its attempts and their interruptions. */
const deafClient = () => {
  const seen = { attempts: 0, interrupted: 0 }
  const client = HttpClient.make(() =>
    Effect.andThen(
      Effect.sync(() => seen.attempts++),
      Effect.onInterrupt(Effect.never, () => Effect.sync(() => seen.interrupted++))
    )
  )
  return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

describe("per-attempt deadline on any other HttpClient", () => {
  it.live("live clock: a transport that ignores the signal ends in RequestTimeoutError, its attempt interrupted", () =>
    Effect.gen(function*() {
      const deaf = deafClient()
      const error = yield* Effect.flip(Credits.getCredits).pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, timeout: "30 millis" })),
        Effect.provide(deaf.layer)
      )
      expect(error).toMatchObject({ _tag: "RequestTimeoutError", attempts: 1 })
      yield* letIoRun
      expect(deaf.seen).toEqual({ attempts: 1, interrupted: 1 })
    }))

  it.live("live clock: every retried attempt gets its own deadline", () =>
    Effect.gen(function*() {
      const deaf = deafClient()
      const error = yield* Effect.flip(Credits.getCredits).pipe(
        Effect.provide(OpenRouterConfig.layer({
          apiKey: API_KEY,
          retry: Schedule.recurs(2),
          timeout: "20 millis"
        })),
        Effect.provide(deaf.layer)
      )
      expect(error).toMatchObject({ _tag: "RequestTimeoutError", attempts: 3 })
      yield* letIoRun
      expect(deaf.seen).toEqual({ attempts: 3, interrupted: 3 })
    }))

  it.live("live clock: interrupting the caller interrupts the attempt on a transport that ignores the signal", () =>
    Effect.gen(function*() {
      const deaf = deafClient()
      const fiber = yield* fork(Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, timeout: "1 hour" })),
        Effect.provide(deaf.layer)
      ))
      yield* letIoRun
      expect(deaf.seen.attempts).toBe(1)
      yield* Fiber.interrupt(fiber)
      yield* letIoRun
      expect(deaf.seen.interrupted).toBe(1)
    }))

  it.live("live clock: a timeout above 2^31-1 ms on a transport that ignores the signal does not fire at once", () =>
    Effect.gen(function*() {
      const deaf = deafClient()
      const fiber = yield* fork(Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({
          apiKey: API_KEY,
          retry: Retry.none,
          timeout: Duration.millis(2 ** 31 + 1)
        })),
        Effect.provide(deaf.layer)
      ))
      yield* Effect.sleep("50 millis")
      expect(isRunning(fiber)).toBe(true)
      yield* Fiber.interrupt(fiber)
    }))

  it.effect("a transport that ignores the signal still ends in RequestTimeoutError", () =>
    Effect.gen(function*() {
      const deaf = HttpClient.make(() => Effect.never)
      const fiber = yield* fork(
        Effect.flip(Credits.getCredits).pipe(
          Effect.provide(
            Layer.merge(config("http://api.test/api/v1", "1 hour"), Layer.succeed(HttpClient.HttpClient, deaf))
          )
        )
      )
      yield* TestClock.adjust("1 hour")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RequestTimeoutError")
    }))
})

describe("how an attempt is bounded (the fast paths engage where they apply)", () => {
  const live = Effect.runSync(Effect.clockWith(Effect.succeed))
  const seconds = Duration.seconds(30)

  it("the SDK's own transport under the live clock: a host timer, the attempt in the calling fiber", () => {
    expect(strategyOf(seconds, true, live)).toBe("hostTimer")
  })

  it("another client under the live clock: a race against a host timer", () => {
    expect(strategyOf(seconds, false, live)).toBe("race")
  })

  it.effect("any client under the TestClock: the fiber's own timeout", () =>
    Effect.clockWith((clock) =>
      Effect.sync(() => {
        expect(strategyOf(seconds, true, clock)).toBe("fiber")
        expect(strategyOf(seconds, false, clock)).toBe("fiber")
      })
    ))

  it("a deadline longer than a host timer can wait, or none", () => {
    expect(strategyOf(Duration.days(30), true, live)).toBe("fiber")
    expect(strategyOf(Duration.infinity, true, live)).toBe("none")
  })
})
