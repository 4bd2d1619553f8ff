import type { HttpClient } from "@effect/platform"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, Layer, TestClock } from "effect"
import type * as Http from "node:http"
import { gzipSync } from "node:zlib"
import { Credits, type Errors, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { API_KEY, BEARER, SENDER } from "./support/fixtures.js"
import { renderings } from "./support/observe.js"
import { closedPort } from "./support/ports.js"
import { rawServer } from "./support/rawServer.js"
import { writeReport } from "./support/report.js"

type Requirements = OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient
type Handler = (request: Http.IncomingMessage, response: Http.ServerResponse) => void

const TIMEOUT = Duration.seconds(2)
const figures = { cases: 0, passed: 0, worstSimulatedMillis: 0 }

const json = (status: number, body: string, headers: Record<string, string> = {}): Handler => (_, response) => {
  response.writeHead(status, { "content-type": "application/json", ...headers })
  response.end(body)
}

const envelope = (status: number) => JSON.stringify({ error: { code: status, message: "emulated" }, user_id: null })

/**
 * Runs `effect` against a raw server, letting real I/O happen in small real steps while the TestClock
 * advances, so timeouts and retry waits pass without real sleeping. Fails the test on a defect.
 */
const against = <A>(
  handler: Handler | string,
  effect: Effect.Effect<A, Errors.OpenRouterError, Requirements>,
  config: Partial<OpenRouterConfig.Options> = {}
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.now())
    const origin = typeof handler === "string" ? handler : (yield* rawServer(handler)).origin
    const fiber = yield* effect.pipe(
      Effect.provide(Layer.merge(
        OpenRouterConfig.layer({
          apiKey: API_KEY,
          baseUrl: `${origin}/api/v1`,
          retry: Retry.none,
          timeout: TIMEOUT,
          ...config
        }),
        HttpLayer.layer
      )),
      Effect.exit,
      Effect.fork
    )
    let simulated = 0
    while (fiber.unsafePoll() === null && simulated < 300_000) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
      yield* TestClock.adjust("250 millis")
      simulated += 250
    }
    const exit = yield* Fiber.join(fiber)
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(false) // a defect fails the case
    figures.worstSimulatedMillis = Math.max(figures.worstSimulatedMillis, simulated)
    if (Exit.isFailure(exit)) {
      for (const output of renderings(Cause.squash(exit.cause))) {
        expect(output).not.toContain(API_KEY)
        expect(output).not.toContain(BEARER)
      }
    }
    return exit
  })

const failure = <A>(exit: Exit.Exit<A, Errors.OpenRouterError>) => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure, got a success")
  const failed = Cause.failureOption(exit.cause)
  if (failed._tag === "None") throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return failed.value
}

const counted = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    figures.cases++
    const value = yield* effect
    figures.passed++
    return value
  })

afterAll(() => writeReport("faults", figures))

describe("faults on the wire end in a typed error, within a bound, with no defect", () => {
  it.scoped("connection refused: ConnectionError, request provably not sent", () =>
    counted(Effect.gen(function*() {
      const port = yield* closedPort
      const error = failure(yield* against(`http://127.0.0.1:${port}`, Credits.getCredits))
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "ConnectionRefused" })
    })))

  it.scoped("reset before the response: ConnectionError", () =>
    counted(Effect.gen(function*() {
      const error = failure(yield* against((request) => request.socket.destroy(), Credits.getCredits))
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Transport" })
    })))

  it.scoped("reset mid-body: ConnectionError while reading", () =>
    counted(Effect.gen(function*() {
      const error = failure(
        yield* against((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-length": "200" })
          response.write("{\"data\":{\"total_cre")
          setTimeout(() => response.socket?.destroy(), 5)
        }, Credits.getCredits)
      )
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "ResponseBody" })
    })))

  it.scoped("the server closes after the headers: ConnectionError while reading", () =>
    counted(Effect.gen(function*() {
      const error = failure(
        yield* against((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-length": "50" })
          response.flushHeaders()
          setTimeout(() => response.socket?.end(), 5)
        }, Credits.getCredits)
      )
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "ResponseBody" })
    })))

  it.scoped("headers that never come: RequestTimeoutError after the per-attempt timeout", () =>
    counted(Effect.gen(function*() {
      const error = failure(yield* against(() => {}, Credits.getCredits))
      expect(error._tag).toBe("RequestTimeoutError")
    })))

  it.scoped("a body that trickles past the timeout: RequestTimeoutError", () =>
    counted(Effect.gen(function*() {
      const error = failure(
        yield* against((_, response) => {
          response.writeHead(200, { "content-type": "application/json" })
          const drip = setInterval(() => response.writableEnded || response.write(" "), 5)
          response.on("close", () => clearInterval(drip))
        }, Credits.getCredits)
      )
      expect(error._tag).toBe("RequestTimeoutError")
    })))

  it.scoped.each(
    [
      { name: "truncated JSON", handler: json(200, "{\"data\":{\"total_credits\":1"), tag: "ResponseValidationError" },
      {
        name: "an HTML 502 from a proxy",
        handler: (_: Http.IncomingMessage, response: Http.ServerResponse) => {
          response.writeHead(502, { "content-type": "text/html" })
          response.end("<html><body><h1>502 Bad Gateway</h1></body></html>")
        },
        tag: "OpenRouterDefaultError"
      },
      { name: "an error envelope inside a 200", handler: json(200, envelope(500)), tag: "ResponseValidationError" },
      { name: "an empty 200", handler: json(200, ""), tag: "ResponseValidationError" },
      { name: "an empty 500", handler: json(500, ""), tag: "OpenRouterDefaultError" },
      {
        name: "bytes that are not UTF-8 and not JSON",
        handler: (_: Http.IncomingMessage, response: Http.ServerResponse) => {
          response.writeHead(200, { "content-type": "application/json" })
          response.end(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3]))
        },
        tag: "ResponseValidationError"
      }
    ] as const
  )("$name: $tag", ({ handler, tag }) =>
    counted(Effect.gen(function*() {
      expect(failure(yield* against(handler, Credits.getCredits))._tag).toBe(tag)
    })))

  it.scoped("JSON inside Content-Type: text/plain is still decoded", () =>
    counted(Effect.gen(function*() {
      const exit = yield* against(
        json(200, "{\"data\":{\"total_credits\":3,\"total_usage\":1}}", { "content-type": "text/plain" }),
        Credits.getCredits
      )
      expect(Exit.isSuccess(exit) && exit.value.remaining).toBe(2)
    })))

  it.scoped("invalid UTF-8 inside a string field: decoded, with the bad bytes replaced", () =>
    counted(Effect.gen(function*() {
      const exit = yield* against((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(Buffer.concat([
          Buffer.from("{\"data\":{\"total_credits\":3,\"total_usage\":1,\"note\":\""),
          Buffer.from([0xff, 0xfe]),
          Buffer.from("\"}}")
        ]))
      }, Credits.getCredits)
      expect(Exit.isSuccess(exit) && exit.value.remaining).toBe(2)
    })))

  const fiftyMegabytes = (status: number): Handler => (_, response) => {
    response.writeHead(status, { "content-type": status === 200 ? "application/json" : "text/plain" })
    const chunk = Buffer.alloc(64 * 1024, "x")
    let sent = 0
    const pump = () => {
      while (sent < 50 * 1024 * 1024) {
        sent += chunk.length
        if (!response.write(chunk)) return response.once("drain", pump)
      }
      response.end()
    }
    response.on("close", () => response.removeAllListeners("drain"))
    pump()
  }

  it.scoped("a 50 MB 200: ResponseValidationError after reading at most 1 MiB", () =>
    counted(Effect.gen(function*() {
      const before = process.memoryUsage().rss
      const error = failure(yield* against(fiftyMegabytes(200), Credits.getCredits))
      expect(error._tag).toBe("ResponseValidationError")
      expect(error._tag === "ResponseValidationError" && error.issues[0]!.message).toContain("larger than 1 MiB")
      expect(error._tag === "ResponseValidationError" && error.body.length).toBe(10_000)
      expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024)
    })))

  it.scoped("a gzip body of 50 KB that inflates to 50 MB: read up to 1 MiB of the inflated bytes", () =>
    counted(Effect.gen(function*() {
      const compressed = gzipSync(Buffer.alloc(50 * 1024 * 1024, " "))
      const before = process.memoryUsage().rss
      const error = failure(
        yield* against((_, response) => {
          response.writeHead(200, {
            "content-type": "application/json",
            "content-encoding": "gzip",
            "content-length": String(compressed.length)
          })
          response.end(compressed)
        }, Credits.getCredits)
      )
      expect(error._tag === "ResponseValidationError" && error.issues[0]!.message).toContain("larger than 1 MiB")
      expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024)
    })))

  it.scoped("a 50 MB error page: OpenRouterDefaultError keeping 10,000 characters", () =>
    counted(Effect.gen(function*() {
      const error = failure(yield* against(fiftyMegabytes(502), Credits.getCredits))
      expect(error._tag === "OpenRouterDefaultError" && error.body.length).toBe(10_000)
      expect(error.message.length).toBeLessThan(1_500)
    })))

  it.scoped.each(
    [
      ["garbage", "soon-ish"],
      ["negative", "-30"]
    ] as const
  )("Retry-After %s: ignored, default backoff, then success", ([, value]) =>
    counted(Effect.gen(function*() {
      let calls = 0
      const exit = yield* against(
        (_, response) =>
          calls++ === 0
            ? json(429, envelope(429), { "retry-after": value })(_, response)
            : json(200, "{\"data\":{\"total_credits\":3,\"total_usage\":1}}")(_, response),
        Credits.getCredits,
        { retry: Retry.defaultSchedule }
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(calls).toBe(2)
    })))

  it.scoped("Retry-After huge: fails at once, carrying when to come back", () =>
    counted(Effect.gen(function*() {
      let calls = 0
      const error = failure(
        yield* against(
          (_, response) => {
            calls++
            json(429, envelope(429), { "retry-after": "86400" })(_, response)
          },
          Credits.getCredits,
          { retry: Retry.defaultSchedule }
        )
      )
      expect(calls).toBe(1)
      expect(error._tag === "TooManyRequestsResponseError" && Duration.toHours(error.retryAfter!)).toBe(24)
    })))

  it.scoped("Retry-After as an HTTP date in the past: retried at once", () =>
    counted(Effect.gen(function*() {
      let calls = 0
      const exit = yield* against(
        (_, response) =>
          calls++ === 0
            ? json(429, envelope(429), { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" })(_, response)
            : json(200, "{\"data\":{\"total_credits\":3,\"total_usage\":1}}")(_, response),
        Credits.getCredits,
        { retry: Retry.defaultSchedule }
      )
      expect(Exit.isSuccess(exit)).toBe(true)
    })))

  it.scoped("a redirect to another origin: Authorization does not follow", () =>
    counted(Effect.gen(function*() {
      const other = yield* rawServer(json(200, "{\"data\":{\"total_credits\":3,\"total_usage\":1}}"))
      const exit = yield* against((_, response) => {
        response.writeHead(307, { location: `${other.origin}/api/v1/credits` })
        response.end()
      }, Credits.getCredits)
      expect(other.seen).toHaveLength(1)
      expect(other.seen[0]!.authorization).toBeUndefined()
      expect(Exit.isSuccess(exit) || failure(exit)._tag === "UnauthorizedResponseError").toBe(true)
    })))

  it.scoped("a POST reset before the response is not retried by default", () =>
    counted(Effect.gen(function*() {
      let calls = 0
      const error = failure(
        yield* against(
          (request) => {
            calls++
            request.socket.destroy()
          },
          Credits.createCoinbaseCharge({ bearer: BEARER }, { amount: 5, sender: SENDER, chainId: 1 }),
          { retry: undefined }
        )
      )
      expect(error._tag).toBe("ConnectionError")
      expect(calls).toBe(1)
    })))
})
