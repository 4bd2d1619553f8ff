import { expect } from "@effect/vitest"
import { Effect } from "effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { yieldNow } from "../../support/seam.js"

/**
 * Lets fibers woken by the TestClock finish their work: yields until the emulator has seen `n` requests, then a
 * little more so that what follows each request (decoding, a stream's next event) has run. Fiber turns, not time:
 * the in-memory emulator answers without I/O.
 */
export const untilRequests = (n: number) =>
  Effect.gen(function*() {
    const emulator = yield* OpenRouterTest.Emulator
    for (let i = 0; i < 10_000 && emulator.counts.requests < n; i++) yield* yieldNow
    expect(emulator.counts.requests).toBe(n)
    for (let i = 0; i < 20; i++) yield* yieldNow
  })
