import { afterAll, describe, expect } from "@effect/vitest"
import { Deferred, Duration, Effect, Exit } from "effect"
import { randomBytes } from "node:crypto"
import type * as Http from "node:http"
import { gzipSync } from "node:zlib"
import { Credits, Retry } from "openrouter-effect"
import { API_KEY, BEARER, CHARGE_INPUT, completeDeferred, scoped, writeReport } from "../support/seam.js"
import { refusingOrigin } from "./support/ports.js"
import { rawServer } from "./support/rawServer.js"
import { against, creditsJson, envelope, failure, type Handler, json, transports } from "./support/wire.js"

const TIMEOUT = Duration.seconds(2)
const figures = { cases: 0, passed: 0, worstSimulatedMillis: 0 }
afterAll(() => writeReport("faults", figures))

const counted = <A, E, R>(effect: Effect.Effect<{ readonly value: A; readonly simulated: number }, E, R>) =>
  Effect.gen(function*() {
    figures.cases++
    const { simulated } = yield* effect
    figures.worstSimulatedMillis = Math.max(figures.worstSimulatedMillis, simulated)
    figures.passed++
  })

const streamed =
  (status: number, megabytes: number, headers: Record<string, string> = {}): Handler => (_, response) => {
    response.writeHead(status, { "content-type": status === 200 ? "application/json" : "text/plain", ...headers })
    const chunk = Buffer.alloc(64 * 1024, "x")
    let sent = 0
    const pump = () => {
      while (sent < megabytes * 1024 * 1024) {
        sent += chunk.length
        if (!response.write(chunk)) return response.once("drain", pump)
      }
      response.end()
    }
    response.on("close", () => response.removeAllListeners("drain"))
    pump()
  }

const charge = Credits.createCoinbaseCharge({ bearer: BEARER }, CHARGE_INPUT)

describe.each(transports)(
  "faults on the wire end in a typed error, within a bound, with no defect ($name)",
  ({ layer }) => {
    const run = <A>(
      handler: Parameters<typeof against<A>>[1],
      effect: Parameters<typeof against<A>>[2],
      config: Parameters<typeof against<A>>[3] = {}
    ) => against(layer, handler, effect, config)

    scoped("connection refused: ConnectionError, request provably not sent", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run(yield* refusingOrigin, Credits.getCredits)
        const error = failure(exit)
        expect(error).toMatchObject({ _tag: "ConnectionError", reason: "ConnectionRefused" })
        expect(error._tag === "ConnectionError" && error.requestNotSent).toBe(true)
        return { value: exit, simulated }
      })))

    scoped("reset before the response: ConnectionError", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run((request) => request.socket.destroy(), Credits.getCredits)
        expect(failure(exit)).toMatchObject({ _tag: "ConnectionError", reason: "Transport" })
        return { value: exit, simulated }
      })))

    scoped("reset mid-body: ConnectionError while reading", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-length": "200" })
          response.write("{\"data\":{\"total_cre", () => response.socket?.destroy())
        }, Credits.getCredits)
        expect(failure(exit)).toMatchObject({ _tag: "ConnectionError", reason: "ResponseBody" })
        return { value: exit, simulated }
      })))

    scoped("the server closes after the headers: ConnectionError while reading", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-length": "50" })
          response.flushHeaders()
          response.socket?.end()
        }, Credits.getCredits)
        expect(failure(exit)).toMatchObject({ _tag: "ConnectionError", reason: "ResponseBody" })
        return { value: exit, simulated }
      })))

    scoped(
      "headers that never come: RequestTimeoutError after the per-attempt timeout",
      () =>
        counted(Effect.gen(function*() {
          const { exit, simulated } = yield* run(() => {}, Credits.getCredits, { timeout: TIMEOUT })
          expect(failure(exit)._tag).toBe("RequestTimeoutError")
          return { value: exit, simulated }
        }))
    )

    scoped("a body that trickles past the timeout: RequestTimeoutError", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run(
          (_, response) => {
            response.writeHead(200, { "content-type": "application/json" })
            const drip = setInterval(() => response.writableEnded || response.write(" "), 5)
            response.on("close", () => clearInterval(drip))
          },
          Credits.getCredits,
          { timeout: TIMEOUT }
        )
        expect(failure(exit)._tag).toBe("RequestTimeoutError")
        return { value: exit, simulated }
      })))

    scoped.each(
      [
        {
          name: "truncated JSON",
          handler: json(200, "{\"data\":{\"total_credits\":1"),
          tag: "ResponseValidationError"
        },
        {
          name: "an HTML 502 from a proxy",
          handler: (_: Http.IncomingMessage, response: Http.ServerResponse) => {
            response.writeHead(502, { "content-type": "text/html" })
            response.end("<html><body><h1>502 Bad Gateway</h1></body></html>")
          },
          tag: "BadGatewayResponseError"
        },
        { name: "an error envelope inside a 200", handler: json(200, envelope(500)), tag: "ResponseValidationError" },
        { name: "an empty 200", handler: json(200, ""), tag: "ResponseValidationError" },
        { name: "an empty 500", handler: json(500, ""), tag: "InternalServerResponseError" },
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
        const { exit, simulated } = yield* run(handler, Credits.getCredits)
        expect(failure(exit)._tag).toBe(tag)
        return { value: exit, simulated }
      })))

    scoped("JSON inside Content-Type: text/plain is still decoded", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run(
          json(200, creditsJson, { "content-type": "text/plain" }),
          Credits.getCredits
        )
        expect(Exit.isSuccess(exit) && exit.value.remaining).toBe(2)
        return { value: exit, simulated }
      })))

    scoped(
      "invalid UTF-8 inside a string field: decoded, with the bad bytes replaced",
      () =>
        counted(Effect.gen(function*() {
          const { exit, simulated } = yield* run((_, response) => {
            response.writeHead(200, { "content-type": "application/json" })
            response.end(Buffer.concat([
              Buffer.from("{\"data\":{\"total_credits\":3,\"total_usage\":1,\"note\":\""),
              Buffer.from([0xff, 0xfe]),
              Buffer.from("\"}}")
            ]))
          }, Credits.getCredits)
          expect(Exit.isSuccess(exit) && exit.value.remaining).toBe(2)
          return { value: exit, simulated }
        }))
    )

    scoped("a 50 MB 200: ResponseValidationError after reading at most 1 MiB", () =>
      counted(Effect.gen(function*() {
        const { exit, simulated } = yield* run(streamed(200, 50), Credits.getCredits)
        const error = failure(exit)
        expect(error._tag === "ResponseValidationError" && error.issues[0]!.message).toContain("larger than 1 MiB")
        expect(error._tag === "ResponseValidationError" && error.body.length).toBe(10_000)
        return { value: exit, simulated }
      })))

    scoped(
      "a 50 MB 200: the connection is closed once the SDK stops reading, not left to the collector",
      () =>
        counted(Effect.gen(function*() {
          const closed = yield* Deferred.make<void>()
          const { exit, simulated } = yield* run((request, response) => {
            response.on("close", () => completeDeferred(closed, Exit.void))
            streamed(200, 50)(request, response)
          }, Credits.getCredits)
          expect(failure(exit)._tag).toBe("ResponseValidationError")
          yield* Deferred.await(closed)
          return { value: exit, simulated }
        }))
    )

    scoped(
      "a 50 MB 200 that declares its Content-Length: read only up to 1 MiB all the same",
      () =>
        counted(Effect.gen(function*() {
          let written = 0
          const { exit, simulated } = yield* run((_, response) => {
            response.on("close", () => {
              written = response.socket?.bytesWritten ?? written
            })
            const socket = response.socket!
            streamed(200, 50, { "content-length": String(50 * 1024 * 1024) })(_, response)
            socket.on("close", () => {
              written = socket.bytesWritten
            })
          }, Credits.getCredits)
          const error = failure(exit)
          expect(error._tag === "ResponseValidationError" && error.issues[0]!.message).toContain("larger than 1 MiB")
          expect(written).toBeLessThan(20 * 1024 * 1024)
          return { value: exit, simulated }
        }))
    )

    scoped(
      "a gzip body nobody asked for: not read, the same ResponseValidationError on every transport",
      () =>
        counted(Effect.gen(function*() {
          const compressed = gzipSync(Buffer.alloc(50 * 1024 * 1024, " "))
          let acceptEncoding: string | undefined
          const { exit, simulated } = yield* run((request, response) => {
            acceptEncoding = request.headers["accept-encoding"]
            response.writeHead(200, {
              "content-type": "application/json",
              "content-encoding": "gzip",
              "content-length": String(compressed.length)
            })
            response.end(compressed)
          }, Credits.getCredits)
          expect(acceptEncoding).toBe("identity")
          const error = failure(exit)
          expect(error._tag).toBe("ResponseValidationError")
          expect(error._tag === "ResponseValidationError" && error.issues[0]!.message).toContain(
            "compressed (Content-Encoding: gzip)"
          )
          expect(error._tag === "ResponseValidationError" && error.body).toBe("")
          return { value: exit, simulated }
        }))
    )

    scoped.each(
      [
        ["cut off at the read bound", undefined],
        ["compressed and not read at all", "gzip"]
      ] as const
    )(
      "a body the SDK stops reading (%s): the connection is closed, not left holding it",
      ([, encoding]) =>
        counted(Effect.gen(function*() {
          let closed: (() => void) | undefined
          const socketClosed = new Promise<void>((resolve) => {
            closed = resolve
          })
          const body = Buffer.from(randomBytes(1536 * 1024).toString("base64"))
          const { exit, simulated } = yield* run((_, response) => {
            response.socket!.once("close", () => closed!())
            response.writeHead(200, {
              "content-type": "application/json",
              "content-length": String(body.length),
              ...(encoding === undefined ? {} : { "content-encoding": encoding })
            })
            // all but the last byte: the response never ends by itself
            response.write(body.subarray(0, body.length - 1))
          }, Credits.getCredits)
          expect(failure(exit)._tag).toBe("ResponseValidationError")
          const outcome = yield* Effect.promise(() =>
            Promise.race([
              socketClosed.then(() => "closed"),
              new Promise((resolve) => setTimeout(() => resolve("still open after 10 s"), 10_000))
            ])
          )
          expect(outcome).toBe("closed")
          return { value: exit, simulated }
        })),
      30_000
    )

    scoped(
      "a 50 MB error page: OpenRouterDefaultError keeping 10,000 characters",
      () =>
        counted(Effect.gen(function*() {
          const { exit, simulated } = yield* run(streamed(503, 50), Credits.getCredits)
          const error = failure(exit)
          expect(error._tag === "OpenRouterDefaultError" && error.body.length).toBe(10_000)
          expect(error.message.length).toBeLessThan(1_500)
          return { value: exit, simulated }
        }))
    )

    scoped.each(
      [
        ["garbage", "soon-ish"],
        ["negative", "-30"],
        ["an HTTP date in the past", "Wed, 21 Oct 2015 07:28:00 GMT"]
      ] as const
    )(
      "Retry-After %s: no wait beyond the default backoff, then success",
      ([, value]) =>
        counted(Effect.gen(function*() {
          let calls = 0
          const { exit, simulated } = yield* run(
            (_, response) =>
              calls++ === 0
                ? json(429, envelope(429), { "retry-after": value })(_, response)
                : json(200, creditsJson)(_, response),
            Credits.getCredits,
            { retry: Retry.defaultSchedule }
          )
          expect(Exit.isSuccess(exit)).toBe(true)
          expect(calls).toBe(2)
          return { value: exit, simulated }
        }))
    )

    scoped.each(
      [
        ["a day", "86400", "1d"],
        ["absurd", "99999999999999999999999", "more than a year"],
        ["past every timer", "9999999999", "more than a year"]
      ] as const
    )(
      "Retry-After %s: fails at once, carrying when to come back, said for people",
      ([, value, shown]) =>
        counted(Effect.gen(function*() {
          let calls = 0
          const { exit, simulated } = yield* run(
            (_, response) => {
              calls++
              json(429, envelope(429), { "retry-after": value })(_, response)
            },
            Credits.getCredits,
            { retry: Retry.defaultSchedule }
          )
          const error = failure(exit)
          expect(calls).toBe(1)
          expect(error._tag === "TooManyRequestsResponseError" && Duration.toSeconds(error.retryAfter!)).toBe(
            Math.min(Number(value), Number.MAX_SAFE_INTEGER / 1000)
          )
          expect(error.message).toContain(`wait ${shown} before`)
          return { value: exit, simulated }
        }))
    )

    scoped(
      "a redirect to another origin: reported with its Location, not followed, not retried",
      () =>
        counted(Effect.gen(function*() {
          const other = yield* rawServer(json(200, creditsJson))
          let calls = 0
          const { exit, simulated } = yield* run(
            (_, response) => {
              calls++
              response.writeHead(302, { location: `${other.origin}/api/v1/credits` })
              response.end()
            },
            Credits.getCredits,
            { retry: Retry.defaultSchedule }
          )
          const error = failure(exit)
          expect(error).toMatchObject({ _tag: "OpenRouterDefaultError", status: 302 })
          expect(error.message).toContain(`redirect (302) to ${other.origin}/api/v1/credits`)
          expect(calls).toBe(1)
          expect(other.seen).toHaveLength(0)
          return { value: exit, simulated }
        }))
    )

    scoped("a redirect loop: one request per call, not 21 per attempt", () =>
      counted(Effect.gen(function*() {
        let calls = 0
        const { exit, simulated } = yield* run(
          (request, response) => {
            calls++
            response.writeHead(301, { location: request.url! })
            response.end()
          },
          Credits.getCredits,
          { retry: Retry.defaultSchedule }
        )
        expect(failure(exit)).toMatchObject({ _tag: "OpenRouterDefaultError", status: 301 })
        expect(calls).toBe(1)
        return { value: exit, simulated }
      })))

    scoped("a 307 on the POST: reported, the body never sent again", () =>
      counted(Effect.gen(function*() {
        const bodies: Array<string> = []
        const { exit, simulated } = yield* run(
          (request, response) => {
            bodies.push(request.method ?? "")
            response.writeHead(307, { location: request.url! })
            response.end()
          },
          charge,
          { retry: undefined }
        )
        expect(failure(exit)).toMatchObject({ _tag: "OpenRouterDefaultError", status: 307 })
        expect(bodies).toEqual(["POST"])
        return { value: exit, simulated }
      })))

    scoped("a POST reset before the response is not retried by default", () =>
      counted(Effect.gen(function*() {
        let calls = 0
        const { exit, simulated } = yield* run(
          (request) => {
            calls++
            request.socket.destroy()
          },
          charge,
          { retry: undefined }
        )
        expect(failure(exit)._tag).toBe("ConnectionError")
        expect(calls).toBe(1)
        return { value: exit, simulated }
      })))

    scoped(
      "a server that echoes the key in its message, metadata, body and headers: scrubbed from the error",
      () =>
        counted(Effect.gen(function*() {
          const { exit, simulated } = yield* run(
            json(401, envelope(401, `Invalid credentials: Bearer ${API_KEY}`, { metadata: { sent: [API_KEY] } }), {
              "x-echo": `got ${API_KEY}`,
              "x-amzn-remapped-authorization": "Bearer abc",
              "x-session-token": "abc"
            }),
            Credits.getCredits
          )
          const error = failure(exit)
          expect(error._tag).toBe("UnauthorizedResponseError")
          expect(JSON.stringify(error)).not.toContain(API_KEY)
          expect(error._tag === "UnauthorizedResponseError" && error.error.message).toBe(
            "Invalid credentials: Bearer <redacted>"
          )
          expect(error._tag === "UnauthorizedResponseError" && error.headers).toMatchObject({
            "x-echo": "got <redacted>"
          })
          expect(Object.keys(error._tag === "UnauthorizedResponseError" ? error.headers : {})).not.toContain(
            "x-amzn-remapped-authorization"
          )
          expect(Object.keys(error._tag === "UnauthorizedResponseError" ? error.headers : {})).not.toContain(
            "x-session-token"
          )
          return { value: exit, simulated }
        }))
    )

    scoped.each(
      [
        ["a 60,000-character message", `"${"m".repeat(60_000)}"`, "{\"k\":1}"],
        ["metadata 30,000 levels deep", "\"deep\"", `{"a":${"[".repeat(30_000)}${"]".repeat(30_000)}}`],
        [
          "metadata of 4,000 keys",
          "\"wide\"",
          JSON.stringify(Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`k${i}`, i])))
        ]
      ] as const
    )(
      "%s: kept within 10,000 characters, printable as JSON",
      ([, message, metadata]) =>
        counted(Effect.gen(function*() {
          const body = `{"error":{"code":429,"message":${message},"metadata":${metadata}},"user_id":null}`
          expect(body.length).toBeLessThan(64 * 1024)
          const { exit, simulated } = yield* run(json(429, body), Credits.getCredits)
          const error = failure(exit)
          expect(error._tag).toBe("TooManyRequestsResponseError")
          if (error._tag !== "TooManyRequestsResponseError") return { value: exit, simulated }
          expect(error.error.message.length).toBeLessThanOrEqual(10_000)
          expect(JSON.stringify(error.error.metadata).length).toBeLessThanOrEqual(10_000)
          expect(JSON.stringify(error).length).toBeLessThan(40_000)
          expect(error.message.length).toBeLessThan(1_500)
          return { value: exit, simulated }
        }))
    )
  }
)
