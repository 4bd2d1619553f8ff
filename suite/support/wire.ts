import { expect } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Layer } from "effect"
import type * as Http from "node:http"
import { type Errors, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { drivingClock } from "../../support/clock.js"
import { renderings } from "../../support/observe.js"
import {
  API_KEY,
  BEARER,
  type Client,
  findFailure,
  hasDies,
  type NodeLayerFailure,
  TestClock
} from "../../support/seam.js"
import { rawServer } from "./rawServer.js"

export type Requirements = OpenRouterConfig.OpenRouterConfig | Client
export type Handler = (request: Http.IncomingMessage, response: Http.ServerResponse) => void

/** The SDK's two transports: every wire-level case runs on both. */
export const transports = [
  { name: "fetch", layer: HttpLayer.layer },
  { name: "undici", layer: NodeLayer.layer }
] as const

export const json = (status: number, body: string, headers: Record<string, string> = {}): Handler => (_, response) => {
  response.writeHead(status, { "content-type": "application/json", ...headers })
  response.end(body)
}

export const envelope = (status: number, message = "emulated", extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { code: status, message, ...extra }, user_id: null })

export const creditsJson = "{\"data\":{\"total_credits\":3,\"total_usage\":1}}"

/**
 * Runs `effect` against a raw loopback server on `transport` and fails the test on a defect or a secret in the
 * error. The per-attempt timeout is infinite unless the case sets one, and the TestClock moves only to the next
 * pending sleep (a retry wait, a set timeout), so how fast this machine reads a body never decides the outcome.
 */
export const against = <A>(
  transport: Layer.Layer<Client, NodeLayerFailure>,
  handler: Handler | string,
  effect: Effect.Effect<A, Errors.OpenRouterError, Requirements>,
  config: Partial<OpenRouterConfig.Options> = {}
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.now())
    const origin = typeof handler === "string" ? handler : (yield* rawServer(handler)).origin
    // built in the test's scope, as an app holds its transport: it outlives the call
    const client = yield* Effect.orDie(Layer.build(transport))
    const { result: exit, simulated } = yield* drivingClock(effect.pipe(
      Effect.provide(OpenRouterConfig.layer({
        apiKey: API_KEY,
        baseUrl: `${origin}/api/v1`,
        retry: Retry.none,
        timeout: Duration.infinity,
        ...config
      })),
      Effect.provide(client),
      Effect.exit
    ))
    expect(Exit.isFailure(exit) && hasDies(exit.cause)).toBe(false)
    if (Exit.isFailure(exit)) {
      for (const output of renderings(Cause.squash(exit.cause))) {
        expect(output).not.toContain(API_KEY)
        expect(output).not.toContain(BEARER)
      }
    }
    return { exit, simulated }
  })

export const failure = <A>(exit: Exit.Exit<A, Errors.OpenRouterError>): Errors.OpenRouterError => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure, got a success")
  const failed = findFailure(exit.cause)
  if (failed._tag === "None") throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return failed.value
}
