import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Schedule } from "effect"
import { Credits, Metrics, OpenRouterConfig, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { advancing } from "../support/clock.js"
import { recordingLogger, recordingTracer } from "../support/observe.js"
import {
  API_KEY,
  decodeFailure,
  fork,
  hasDies,
  histogramOf,
  HttpClient,
  HttpClientRequest,
  HttpClientResponse,
  isInterrupted,
  metricLabels,
  NodeHttpClient,
  outcome,
  scoped,
  transportFailure,
  yieldNow
} from "../support/seam.js"
import { rawServer } from "./support/rawServer.js"
import { creditsJson, json } from "./support/wire.js"

// What a call does around its request, from what it promises: how a transport's failure is described, which bound
// a body is read against, how retries are announced and measured. (Survivors of the core mutation run.)

const config = (extra: Partial<OpenRouterConfig.Options> = {}) =>
  OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: "http://openrouter.test/api/v1", retry: Retry.none, ...extra })

/** A client that fails every request with `RequestError` `Transport` caused by `cause`. */
const failingWith = (cause: unknown) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) => Effect.fail(transportFailure(request, cause)))
  )

const chain = (messages: ReadonlyArray<string>, code?: { readonly at: number; readonly code: string }) =>
  messages.reduceRight<Error | undefined>((inner, message, index) => {
    const error = new Error(message, inner === undefined ? undefined : { cause: inner })
    if (code?.at === index) Object.assign(error, { code: code.code })
    return error
  }, undefined)

const connectionErrorOf = (cause: unknown) =>
  Effect.flip(Credits.getCredits).pipe(Effect.provide(config()), Effect.provide(failingWith(cause)))

describe("a transport's failure, described", () => {
  it.effect("the detail is the chain of causes, five deep at most", () =>
    Effect.gen(function*() {
      const error = yield* connectionErrorOf(chain(["a", "b", "c", "d", "e", "f"]))
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Transport", detail: "a: b: c: d: e" })
    }))

  it.effect("a cause that is not an Error is shown as text", () =>
    Effect.gen(function*() {
      expect(yield* connectionErrorOf("socket hang up")).toMatchObject({
        reason: "Transport",
        detail: "socket hang up"
      })
    }))

  it.effect("a code five causes deep is found; six deep is not", () =>
    Effect.gen(function*() {
      const five = yield* connectionErrorOf(chain(["a", "b", "c", "d", "e"], { at: 4, code: "ECONNREFUSED" }))
      expect(five).toMatchObject({ reason: "ConnectionRefused" })
      const six = yield* connectionErrorOf(chain(["a", "b", "c", "d", "e", "f"], { at: 5, code: "ECONNREFUSED" }))
      expect(six).toMatchObject({ reason: "Transport" })
    }))

  it.effect("a detail is cut to 1,000 characters", () =>
    Effect.gen(function*() {
      const error = yield* connectionErrorOf(new Error("x".repeat(5_000)))
      expect(error._tag === "ConnectionError" && error.detail.length).toBe(1_000)
    }))

  it.effect("a body that fails on a client of the app's: ConnectionError ResponseBody", () =>
    Effect.gen(function*() {
      const client = HttpClient.make((request) =>
        Effect.fail(
          decodeFailure(
            request,
            HttpClientResponse.fromWeb(request, new Response("{}", { status: 200 })),
            new Error("bad chunk")
          )
        )
      )
      const error = yield* Effect.flip(Credits.getCredits).pipe(
        Effect.provide(config()),
        Effect.provide(Layer.succeed(HttpClient.HttpClient, client))
      )
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "ResponseBody" })
    }))
})

describe("which bound a body is read against", () => {
  it.effect("a 2xx body above the error bound (64 KiB) but within the success bound (1 MiB) decodes", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const padded = JSON.stringify({ data: { total_credits: 3, total_usage: 1 }, pad: "x".repeat(200 * 1024) })
      yield* emulator.script("GET /credits", OpenRouterTest.reply(200, padded, { "content-type": "application/json" }))
      expect((yield* Credits.getCredits).remaining).toBe(2)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect.each([300, 404, 500, 502])(
    "a %i body is cut at 64 KiB, so an envelope past it is not read",
    (status) =>
      Effect.gen(function*() {
        const emulator = yield* OpenRouterTest.Emulator
        const envelope = (pad: number) =>
          JSON.stringify({ error: { code: status, message: "said", metadata: { pad: "x".repeat(pad) } } })
        const json = { "content-type": "application/json" }
        yield* emulator.script(
          "GET /credits",
          OpenRouterTest.reply(status, envelope(1_000), json),
          OpenRouterTest.reply(status, envelope(100 * 1024), json)
        )
        const small = yield* Effect.flip(Credits.getCredits)
        expect("error" in small && small.error?.message).toBe("said")
        const large = yield* Effect.flip(Credits.getCredits)
        expect("error" in large && large.error?.message).not.toBe("said")
        expect("body" in large && large.body?.startsWith("{\"error\":{")).toBe(true)
      }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } })))
  )
})

describe("a response that answers another request", () => {
  it.effect("whose URL cannot be parsed names no origin it cannot know", () =>
    Effect.gen(function*() {
      const client = HttpClient.make(() =>
        Effect.succeed(
          HttpClientResponse.fromWeb(
            HttpClientRequest.get("not a url"),
            new Response(creditsJson, { status: 200 })
          )
        )
      )
      const error = yield* Effect.flip(Credits.getCredits).pipe(
        Effect.provide(config()),
        Effect.provide(Layer.succeed(HttpClient.HttpClient, client))
      )
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Redirected" })
      expect(error._tag === "ConnectionError" && error.detail).toBe(
        "the provided HttpClient followed a redirect to another origin and sent the request there"
      )
    }))
})

describe("a redirect followed by the app's client on undici", () => {
  scoped("is reported as Redirected, whatever the origin answered", () =>
    Effect.gen(function*() {
      const elsewhere = yield* rawServer(json(200, creditsJson))
      const origin = yield* rawServer((_, response) => {
        response.writeHead(302, { location: `${elsewhere.origin}/stolen` })
        response.end()
      })
      const app = yield* Layer.build(
        Layer.effect(
          HttpClient.HttpClient,
          Effect.map(HttpClient.HttpClient, (client) => HttpClient.followRedirects(client))
        ).pipe(Layer.provide(NodeHttpClient.layerUndici))
      )
      const error = yield* Effect.flip(Credits.getCredits).pipe(
        Effect.provide(config({ baseUrl: `${origin.origin}/api/v1` })),
        Effect.provide(app)
      )
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Redirected" })
    }))
})

describe("retries, announced and measured", () => {
  it.effect("each retry says which attempt failed, with what status, in the log and as a span event", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const tracer = recordingTracer()
      const logger = recordingLogger()
      yield* emulator.script("GET /credits", OpenRouterTest.rateLimited(1), OpenRouterTest.disconnect)
      yield* advancing(Credits.getCredits.pipe(Effect.provide(Layer.merge(tracer.layer, logger.layer))))
      const retries = logger.lines.filter((line) => line.includes("retrying in"))
      expect(retries).toHaveLength(2)
      expect(retries[0]).toContain("attempt 1 failed (TooManyRequestsResponseError 429); retrying in 1s")
      expect(retries[1]).toContain("attempt 2 failed (ConnectionError); retrying in")
      const events = tracer.spans.flatMap((span) => span.events).filter((event) => event.name === "openrouter.retry")
      expect(events.map((event) => event.attributes["http.response.status_code"])).toEqual([429, undefined])
      expect(events.map((event) => "http.response.status_code" in event.attributes)).toEqual([true, false])
      expect(events.map((event) => event.attributes["openrouter.attempt"])).toEqual([1, 2])
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.defaultSchedule } }))))

  const durationOf = (tags: Record<string, string>) => histogramOf(Metrics.requestDuration, Object.entries(tags))

  it.effect("a failed call's span ends with its failure and carries no stack trace", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const tracer = recordingTracer()
      yield* emulator.script("GET /credits", OpenRouterTest.status(400))
      yield* Effect.flip(Credits.getCredits.pipe(Effect.provide(tracer.layer)))
      const span = tracer.spans.find((recorded) => recorded.name === "OpenRouter.getCredits")
      expect(span?.exit?._tag).toBe("Failure")
      expect([...(span?.attributes.keys() ?? [])]).not.toContain("code.stacktrace")
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("a request that got no response is measured by its error, without a status", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const tags = { "openrouter.operation": "getCredits", "http.request.method": "GET" }
      const before = (yield* durationOf({ ...tags, "error.type": "ConnectionError" })).count
      yield* emulator.script("GET /credits", OpenRouterTest.disconnect)
      yield* outcome(Credits.getCredits)
      expect((yield* durationOf({ ...tags, "error.type": "ConnectionError" })).count - before).toBe(1)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("a 400 is measured with its status and as an error; durations are in seconds", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      const tags = {
        "openrouter.operation": "getCredits",
        "http.request.method": "GET",
        "http.response.status_code": "400",
        "error.type": "400"
      }
      const before = yield* durationOf(tags)
      yield* emulator.script("GET /credits", OpenRouterTest.delay("250 millis", OpenRouterTest.status(400)))
      yield* outcome(advancing(Credits.getCredits, "1 second"))
      const after = yield* durationOf(tags)
      expect(after.count - before.count).toBe(1)
      const seconds = after.sum - before.sum
      expect(seconds).toBeGreaterThanOrEqual(0)
      expect(seconds).toBeLessThan(60)
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } }))))

  it.effect("an interrupted call is not measured, and interrupts cleanly", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.delay("1 hour"))
      const fiber = yield* fork(Credits.getCredits)
      yield* yieldNow
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      expect(isInterrupted(exit)).toBe(true)
      expect(Exit.isFailure(exit) && hasDies(exit.cause)).toBe(false)
      const labels = yield* metricLabels
      expect(labels).not.toContain("undefined")
    }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Schedule.recurs(1) } }))))
})
