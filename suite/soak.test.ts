import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Random, Schedule } from "effect"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Credits, type Errors, Retry, Schemas } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { onlyFailureTag, trackingFibers, transientRetries, writeReport } from "../support/seam.js"
import type { Requirements } from "./support/wire.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

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

/** For the POST, also the faults that cost money: the charge is created, then the answer is lost or a 5xx. */
const postFaults: ReadonlyArray<OpenRouterTest.Step> = [
  ...faults,
  OpenRouterTest.afterProcessing(OpenRouterTest.status(500)),
  OpenRouterTest.afterProcessing(OpenRouterTest.status(503)),
  OpenRouterTest.afterProcessing(OpenRouterTest.disconnect),
  OpenRouterTest.afterProcessing(OpenRouterTest.delay("200 millis"))
]

const script = (
  seed: number,
  length: number,
  from: ReadonlyArray<OpenRouterTest.Step>
): Array<OpenRouterTest.Step> => {
  let x = seed
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from(
    { length },
    () => next() < FAULT_RATE ? from[Math.floor(next() * from.length)]! : OpenRouterTest.pass
  )
}

/** Quick retries for the GETs (the default waits are seconds). The POSTs run on the SDK's default schedule. */
const getSchedule = transientRetries(Schedule.exponential("1 millis"), 3)

/** A sender address of its own for each logical call, so the emulator can count charges per call. */
const senderOf = (i: number) => `0x${i.toString(16).padStart(40, "0")}`

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
        const counts = { getOk: 0, postOk: 0, postCalls: 0, errors: {} as Record<string, number>, defects: 0 }
        const failedPostSenders: Array<string> = []
        let heapAtSample = 0
        let finished = 0
        const started = performance.now()

        const call = (i: number) =>
          Effect.gen(function*() {
            const post = (yield* Random.next) < 0.3
            if (post) counts.postCalls++
            const operation: Effect.Effect<unknown, Errors.OpenRouterError, Requirements> = post
              ? Credits.createCoinbaseCharge({ bearer: OpenRouterTest.ordinaryKey }, {
                amount: 1 + (i % 100),
                sender: senderOf(i),
                chainId: Schemas.Chain.Base
              })
              : Credits.getCredits.pipe(Retry.withSchedule(getSchedule))
            const exit = yield* Effect.exit(operation)
            const tag = onlyFailureTag(exit)
            if (Exit.isSuccess(exit)) {
              if (post) counts.postOk++
              else counts.getOk++
            } else if (tag !== undefined) {
              if (post) failedPostSenders.push(senderOf(i))
              counts.errors[tag] = (counts.errors[tag] ?? 0) + 1
            } else {
              counts.defects++
            }
            if (++finished === HEAP_SAMPLE_AT) heapAtSample = heapAfterGc()
          })

        const fibers = yield* trackingFibers(
          Effect.forEach(Array.from({ length: CALLS }, (_, i) => i), call, { concurrency: CONCURRENCY, discard: true })
        )
        const elapsed = performance.now() - started
        const heapAtEnd = heapAfterGc()

        const chargesPerCall = [...emulator.chargesBySender.values()]
        const chargedButFailed = failedPostSenders.filter((sender) => emulator.chargesBySender.has(sender)).length
        const report = {
          calls: CALLS,
          concurrency: CONCURRENCY,
          faultRate: FAULT_RATE,
          succeeded: counts.getOk + counts.postOk,
          typedErrors: counts.errors,
          defects: counts.defects,
          requestsSent: emulator.counts.requests,
          postCalls: counts.postCalls,
          postsSucceeded: counts.postOk,
          chargesCreated: emulator.counts.charges,
          mostChargesForOneCall: Math.max(0, ...chargesPerCall),
          postsFailedAfterTheChargeWasMade: chargedButFailed,
          ...(fibers.started === undefined ? {} : { fibersStarted: fibers.started }),
          fibersLeftRunning: fibers.running,
          heapAfter1000CallsMiB: +(heapAtSample / 2 ** 20).toFixed(1),
          heapAtEndMiB: +(heapAtEnd / 2 ** 20).toFixed(1),
          heapRatio: +(heapAtEnd / heapAtSample).toFixed(3),
          seconds: +(elapsed / 1000).toFixed(2)
        }
        console.log("soak:", JSON.stringify(report))
        writeReport(CALLS === 10_000 ? "soak" : "soak-long", report)

        expect(counts.defects).toBe(0)
        // The one promise about money: at most one charge per logical call, though some POSTs failed after
        // the server had made the charge (the case a careless retry would repeat).
        expect(chargedButFailed).toBeGreaterThan(0)
        expect(Math.max(...chargesPerCall)).toBe(1)
        expect(emulator.counts.charges).toBe(counts.postOk + chargedButFailed)
        expect(emulator.counts.requests).toBeGreaterThan(CALLS)
        if (fibers.started !== undefined) expect(fibers.started).toBeGreaterThan(0)
        expect(fibers.running).toBe(0)
        expect(heapAtEnd).toBeLessThanOrEqual(heapAtSample * 1.1)
      }).pipe(Effect.provide(layer)),
    120_000
  )
})

const layer = OpenRouterTest.layer({
  history: 100,
  config: { timeout: "100 millis" },
  faults: {
    "GET /credits": script(7, CALLS * 2, faults),
    "POST /credits/coinbase": script(11, CALLS * 2, postFaults)
  }
})
