import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Random, Schedule, Supervisor } from "effect"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Credits, type Errors, type OpenRouterConfig, Retry, Schemas } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { writeReport } from "./support/report.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

type Requirements = OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient

const CALLS = Number(process.env["SOAK_CALLS"] ?? 10_000)
const CONCURRENCY = 64
const FAULT_RATE = 0.2
const HEAP_SAMPLE_AT = 1_000

/** One fault in five: 429 with a hint, 5xx, a lost or refused connection, a slow or hung response. */
const faults: ReadonlyArray<OpenRouterTest.Step> = [
  OpenRouterTest.status(429, { headers: { "retry-after-ms": "2" } }),
  OpenRouterTest.status(500),
  OpenRouterTest.status(502),
  OpenRouterTest.status(503),
  OpenRouterTest.disconnect,
  OpenRouterTest.refuse,
  OpenRouterTest.delay("3 millis"),
  OpenRouterTest.delay("200 millis")
]

const script = (seed: number, length: number): Array<OpenRouterTest.Step> => {
  let x = seed
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from(
    { length },
    () => next() < FAULT_RATE ? faults[Math.floor(next() * faults.length)]! : OpenRouterTest.pass
  )
}

/** Quick retries for the soak (the default waits are seconds); a POST still only when provably not delivered. */
const quick = (safe: (error: Retry.RetryError) => boolean) =>
  Retry.withServerHints(Schedule.exponential("1 millis")).pipe(
    Schedule.intersect(Schedule.recurs(3)),
    Schedule.whileInput(safe)
  )
const getSchedule = quick(Retry.isTransient)
const postSchedule = quick((e) => Retry.isTransient(e) && Retry.isSafeToRepeat(e))

const heapAfterGc = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe("soak", () => {
  it.live(
    `${CALLS} calls at concurrency ${CONCURRENCY} with ${FAULT_RATE * 100}% faults: all accounted for`,
    () =>
      Effect.gen(function*() {
        const emulator = yield* OpenRouterTest.Emulator
        const counts = { getOk: 0, postOk: 0, errors: {} as Record<string, number>, defects: 0 }
        let heapAtSample = 0
        let finished = 0
        const started = performance.now()

        const call = (i: number) =>
          Effect.gen(function*() {
            const post = (yield* Random.next) < 0.3
            const operation: Effect.Effect<unknown, Errors.OpenRouterError, Requirements> = post
              ? Credits.createCoinbaseCharge({ bearer: OpenRouterTest.ordinaryKey }, {
                amount: 1 + (i % 100),
                sender: "0x1234567890123456789012345678901234567890",
                chainId: Schemas.Chain.Base
              }).pipe(Retry.withSchedule(postSchedule))
              : Credits.getCredits.pipe(Retry.withSchedule(getSchedule))
            const exit = yield* Effect.exit(operation)
            if (Exit.isSuccess(exit)) {
              if (post) counts.postOk++
              else counts.getOk++
            } else if (Cause.isFailType(exit.cause)) {
              const tag = exit.cause.error._tag
              counts.errors[tag] = (counts.errors[tag] ?? 0) + 1
            } else {
              counts.defects++
            }
            if (++finished === HEAP_SAMPLE_AT) heapAtSample = heapAfterGc()
          })

        const supervisor = yield* Supervisor.track
        yield* Effect.forEach(Array.from({ length: CALLS }, (_, i) => i), call, {
          concurrency: CONCURRENCY,
          discard: true
        }).pipe(Effect.supervised(supervisor))
        const elapsed = performance.now() - started
        const heapAtEnd = heapAfterGc()
        const fibers = yield* supervisor.value
        const running = fibers.filter((fiber) => fiber.unsafePoll() === null)
        yield* Effect.forEach(fibers, Fiber.await, { discard: true, concurrency: "unbounded" }).pipe(
          Effect.timeout("1 second"),
          Effect.ignore
        )

        const errors = Object.values(counts.errors).reduce((a, b) => a + b, 0)
        const report = {
          calls: CALLS,
          concurrency: CONCURRENCY,
          faultRate: FAULT_RATE,
          succeeded: counts.getOk + counts.postOk,
          typedErrors: counts.errors,
          defects: counts.defects,
          requestsSent: emulator.counts.requests,
          postsSucceeded: counts.postOk,
          chargesCreated: emulator.counts.charges,
          fibersLeftRunning: running.length,
          heapAfter1000CallsMiB: +(heapAtSample / 2 ** 20).toFixed(1),
          heapAtEndMiB: +(heapAtEnd / 2 ** 20).toFixed(1),
          heapRatio: +(heapAtEnd / heapAtSample).toFixed(3),
          seconds: +(elapsed / 1000).toFixed(2)
        }
        console.log("soak:", JSON.stringify(report))
        writeReport(CALLS === 10_000 ? "soak" : "soak-long", report)

        expect(counts.getOk + counts.postOk + errors + counts.defects).toBe(CALLS)
        expect(counts.defects).toBe(0)
        expect(emulator.counts.charges).toBeLessThanOrEqual(counts.postOk)
        expect(running).toEqual([])
        expect(heapAtEnd).toBeLessThanOrEqual(heapAtSample * 1.1)
      }).pipe(Effect.provide(layer)),
    120_000
  )
})

const layer = OpenRouterTest.layer({
  history: 100,
  config: { timeout: "100 millis" },
  faults: {
    "GET /credits": script(7, CALLS * 2),
    "POST /credits/coinbase": script(11, CALLS * 2)
  }
})
