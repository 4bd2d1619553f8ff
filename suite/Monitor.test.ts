import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Schedule, Stream } from "effect"
import { Layer } from "effect"
import { Monitor, OpenRouterConfig, Retry, SpendGuard } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { fork, isRunning, scoped, TestClock, yieldNow } from "../support/seam.js"
import { untilRequests } from "./support/emulated.js"
import { transports } from "./support/wire.js"

const describeEvent = Monitor.BalanceEvent.$match({
  Observed: (e) => `Observed ${e.remaining}`,
  Changed: (e) => `Changed ${e.previous} -> ${e.remaining}`,
  Low: (e) => `Low ${e.remaining} < ${e.threshold}`,
  Recovered: (e) => `Recovered ${e.remaining} >= ${e.threshold}`,
  Unavailable: (e) => `Unavailable ${e.error._tag}`
})

/** Starts `watch`, collecting what it says as text. */
const collect = <E, R>(watch: Stream.Stream<Monitor.BalanceEvent, E, R>) =>
  Effect.gen(function*() {
    const said: Array<string> = []
    const fiber = yield* fork(
      Stream.runForEach(watch, (event) => Effect.sync(() => said.push(describeEvent(event))))
    )
    return { said, fiber }
  })

const emulated = (apiKey = OpenRouterTest.managementKey) =>
  OpenRouterTest.layer({ config: { apiKey, retry: Retry.none } })

describe("Monitor.watchBalance", () => {
  it.effect("account: every change, one Low below 20 and one Recovered at 40, over simulated hours", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const { fiber, said } = yield* collect(
        Monitor.watchBalance({ schedule: Schedule.spaced("10 minutes"), low: 20, recover: 40 })
      )
      yield* untilRequests(1)
      // what is left at each later poll: it falls, hovers between the thresholds, recovers, falls again
      const remaining = [74.75, 50, 19, 15, 25, 18, 45, 45, 10]
      for (const [i, left] of remaining.entries()) {
        yield* emulator.setBalance({ totalCredits: 100, totalUsage: 100 - left })
        yield* TestClock.adjust("10 minutes")
        yield* untilRequests(i + 2)
      }
      yield* Fiber.interrupt(fiber)
      expect(said).toEqual([
        "Observed 74.75",
        "Changed 74.75 -> 50",
        "Changed 50 -> 19",
        "Low 19 < 20",
        "Changed 19 -> 15",
        "Changed 15 -> 25",
        "Changed 25 -> 18",
        "Changed 18 -> 45",
        "Recovered 45 >= 40",
        "Changed 45 -> 10",
        "Low 10 < 20"
      ])
      expect(emulator.requests.map((r) => r.path)).toEqual(Array(10).fill("/api/v1/credits"))
    }).pipe(Effect.provide(emulated())))

  it.effect("a balance hovering at the threshold alerts once, not at every poll", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 100, totalUsage: 81 })
      const { fiber, said } = yield* collect(
        Monitor.watchBalance({ schedule: Schedule.spaced("1 minute"), low: 20, recover: 30 })
      )
      yield* untilRequests(1)
      for (const [i, left] of [21, 19, 20, 19.5, 21].entries()) {
        yield* emulator.setBalance({ totalCredits: 100, totalUsage: 100 - left })
        yield* TestClock.adjust("1 minute")
        yield* untilRequests(i + 2)
      }
      yield* Fiber.interrupt(fiber)
      expect(said.filter((line) => line.startsWith("Low") || line.startsWith("Recovered"))).toEqual(["Low 19 < 20"])
    }).pipe(Effect.provide(emulated())))

  it.effect("an outage the retries could not absorb is reported, and the watch goes on", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.pass, OpenRouterTest.status(503), OpenRouterTest.disconnect)
      const { fiber, said } = yield* collect(Monitor.watchBalance({ schedule: Schedule.spaced("1 minute") }))
      yield* untilRequests(1)
      for (let i = 2; i <= 4; i++) {
        yield* TestClock.adjust("1 minute")
        yield* untilRequests(i)
      }
      expect(isRunning(fiber)).toBe(true)
      yield* Fiber.interrupt(fiber)
      expect(said).toEqual(["Observed 74.75", "Unavailable OpenRouterDefaultError", "Unavailable ConnectionError"])
    }).pipe(Effect.provide(emulated())))

  it.effect("an ordinary key watching the account stops for good on the 403, after one request", () =>
    Effect.gen(function*() {
      const { fiber, said } = yield* collect(Monitor.watchBalance({ schedule: Schedule.spaced("1 minute") }))
      const exit = yield* Fiber.await(fiber)
      yield* TestClock.adjust("1 hour")
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(said).toEqual([])
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(1)
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect("an unknown key stops the watch with UnauthorizedResponseError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Monitor.watchBalance({ source: "key" })))
      expect(error._tag).toBe("UnauthorizedResponseError")
    }).pipe(Effect.provide(emulated("sk-or-v1-nobody"))))

  it.effect("unusable settings stop the watch at once, before any request", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Monitor.watchBalance({ schedule: Schedule.spaced("1 minute") })))
      expect(error).toMatchObject({ _tag: "RequestValidationError", field: "apiKey" })
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
    }).pipe(Effect.provide(emulated("sk-or-v1 has a space"))))

  it.effect("exactly at the low threshold is not low; exactly at the recovery threshold recovers", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 100, totalUsage: 80 })
      const { fiber, said } = yield* collect(
        Monitor.watchBalance({ schedule: Schedule.spaced("1 minute"), low: 20, recover: 30 })
      )
      yield* untilRequests(1)
      for (const [i, left] of [19, 30].entries()) {
        yield* emulator.setBalance({ totalCredits: 100, totalUsage: 100 - left })
        yield* TestClock.adjust("1 minute")
        yield* untilRequests(i + 2)
      }
      yield* Fiber.interrupt(fiber)
      expect(said).toEqual(["Observed 20", "Changed 20 -> 19", "Low 19 < 20", "Changed 19 -> 30", "Recovered 30 >= 30"])
    }).pipe(Effect.provide(emulated())))

  it.effect("key: the ordinary key's limit, with alerts, from GET /key", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const { fiber, said } = yield* collect(
        Monitor.watchBalance({ source: "key", schedule: Schedule.spaced("1 hour"), low: 5, recover: 10 })
      )
      yield* untilRequests(1)
      for (const [i, usage] of [97, 89].entries()) {
        yield* emulator.setKeyLimit({ limit: 100, usage })
        yield* TestClock.adjust("1 hour")
        yield* untilRequests(i + 2)
      }
      yield* Fiber.interrupt(fiber)
      expect(said).toEqual(["Observed 74.5", "Changed 74.5 -> 3", "Low 3 < 5", "Changed 3 -> 11", "Recovered 11 >= 10"])
      expect(emulator.requests.every((r) => r.path === "/api/v1/key")).toBe(true)
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect("a management key (no limit of its own) is watched on the account, and alerts there", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setBalance({ totalCredits: 3, totalUsage: 0 })
      const said = yield* Monitor.watchBalance({ source: "key", schedule: Schedule.recurs(1), low: 5 }).pipe(
        Stream.map(describeEvent),
        Stream.runCollect
      )
      expect([...said]).toEqual(["Observed 3", "Low 3 < 5"])
      expect(emulator.requests.map((r) => r.route)).toEqual(["GET /key", "GET /credits", "GET /key", "GET /credits"])
    }).pipe(Effect.provide(emulated(OpenRouterTest.managementKey))))

  it.effect("an ordinary key without a limit ends the watch with NoSpendingLimitError: never a silent watch", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.setKeyLimit({ limit: null, usage: 0 })
      const error = yield* Monitor.watchBalance({ source: "key", low: 5 }).pipe(Stream.runDrain, Effect.flip)
      expect(error._tag).toBe("NoSpendingLimitError")
      expect(error.message).toContain("Set a limit on the key")
      expect(emulator.counts.requests).toBe(1)
    }).pipe(Effect.provide(emulated(OpenRouterTest.ordinaryKey))))

  it.effect.each(
    [
      ["low", { low: Number.NaN }, "got NaN"],
      ["low", { low: -1 }, "got -1"],
      ["low", { low: "5" }, "got the string \"5\""],
      ["recover", { low: 5, recover: Number.POSITIVE_INFINITY }, "got Infinity"],
      ["source", { source: "acount" }, "got the string \"acount\""],
      ["source", { source: "a".repeat(41) }, `got the string "${"a".repeat(40)}…")`],
      ["source", { source: "b".repeat(40) }, `"account" or "key" (got the string "${"b".repeat(40)}")`],
      ["low", { low: null }, "(got null)"],
      ["low", { low: true }, "(got a value of type boolean)"],
      ["schedule", { schedule: "5 minutes" }, "a Schedule"]
    ] as const
  )("%s refused before any request: %j", ([field, options, says]) =>
    Effect.gen(function*() {
      const error = yield* Monitor.watchBalance(options as Monitor.WatchOptions).pipe(Stream.runDrain, Effect.flip)
      expect(error).toMatchObject({ _tag: "RequestValidationError", operation: "Monitor.watchBalance", field })
      expect(error.message).toContain(says)
      expect(error.message).not.toContain("was not sent")
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
    }).pipe(Effect.provide(emulated())))

  it.effect("the default schedule polls every 5 minutes", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const { fiber } = yield* collect(Monitor.watchBalance())
      yield* untilRequests(1)
      yield* TestClock.adjust("4 minutes")
      for (let i = 0; i < 50; i++) yield* yieldNow
      expect(emulator.counts.requests).toBe(1)
      yield* TestClock.adjust("1 minute")
      yield* untilRequests(2)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(emulated())))
})

describe.each(transports)("on the loopback emulator ($name)", ({ layer }) => {
  scoped("a watch and a guard over GET /key, on the real transport", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve()
      // built once in the test's scope, as an app holds its transport: the guard keeps the client it was made with
      const connected = yield* Layer.build(Layer.merge(
        OpenRouterConfig.layer({ apiKey: OpenRouterTest.ordinaryKey, baseUrl: url, retry: Retry.none }),
        layer
      ))
      const said = yield* Monitor.watchBalance({ source: "key", schedule: Schedule.recurs(2), low: 80 }).pipe(
        Stream.map(describeEvent),
        Stream.runCollect,
        Effect.provide(connected)
      )
      expect([...said]).toEqual(["Observed 74.5", "Low 74.5 < 80"])
      const guard = yield* SpendGuard.make({ source: "key" }).pipe(Effect.provide(connected))
      const refused = yield* Effect.all(Array.from({ length: 50 }, () => Effect.flip(guard.require(75))), {
        concurrency: "unbounded"
      })
      expect(new Set(refused.map((e) => e._tag))).toEqual(new Set(["InsufficientCreditsError"]))
      expect(emulator.requests.map((r) => r.path)).toEqual(Array(4).fill("/api/v1/key"))
    }))
})
