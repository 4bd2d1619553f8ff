import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Schema } from "effect"
import { Credits, Retry } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { scrubber } from "../../src/internal/redact.js"
import { type Answer, readBody, statusErrorOrGone } from "../../src/internal/response.js"
import { HttpClientRequest, HttpClientResponse, issuesOf, notANumber, outcome, wordyIssue } from "../support/seam.js"

// The bounded reader and the lenient error envelope, with expectations written from what they promise: a body is
// never read past its bound, a compressed one is not read at all, and the status chooses the error's class while
// the envelope fills what it can.

const request = HttpClientRequest.get("http://openrouter.test/api/v1/credits")

/** A response whose body arrives in the given chunks, with the given headers (a declared length may lie). */
const responseOf = (chunks: ReadonlyArray<string>, headers: Record<string, string> = {}, fail = false) => {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      if (fail) controller.error(new Error("connection reset"))
      else controller.close()
    }
  })
  return HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers }))
}

describe("readBody: at most `limit` bytes, whatever the headers say", () => {
  it.effect("a body within a declared length is read whole", () =>
    Effect.gen(function*() {
      const body = yield* readBody(responseOf(["0123456789"], { "content-length": "10" }), 10)
      expect(body).toEqual({ text: "0123456789", truncated: false, unreadEncoding: undefined })
    }))

  it.effect("a declared length above the bound: streamed and cut off at the bound", () =>
    Effect.gen(function*() {
      const body = yield* readBody(responseOf(["0123456789", "abcdefghij"], { "content-length": "20" }), 10)
      expect(body).toEqual({ text: "0123456789", truncated: true, unreadEncoding: undefined })
    }))

  it.effect.each(["-1", "1.5", "ten"])(
    "a declared length of %j is no length: streamed and cut off at the bound",
    (length) =>
      Effect.gen(function*() {
        const body = yield* readBody(responseOf(["0123456789", "abcdefghij"], { "content-length": length }), 10)
        expect(body).toEqual({ text: "0123456789", truncated: true, unreadEncoding: undefined })
      })
  )

  it.effect("no declared length: chunks are joined and cut at exactly the bound", () =>
    Effect.gen(function*() {
      const body = yield* readBody(responseOf(["aaaa", "bbbb", "cccc"]), 10)
      expect(body).toEqual({ text: "aaaabbbbcc", truncated: true, unreadEncoding: undefined })
    }))

  it.effect("a body of exactly the bound is whole; one byte more is cut off", () =>
    Effect.gen(function*() {
      expect(yield* readBody(responseOf(["0123456789"]), 10)).toEqual({
        text: "0123456789",
        truncated: false,
        unreadEncoding: undefined
      })
      expect(yield* readBody(responseOf(["0123456789", "X"]), 10)).toEqual({
        text: "0123456789",
        truncated: true,
        unreadEncoding: undefined
      })
    }))

  it.effect("an empty body is empty text, not truncated", () =>
    Effect.gen(function*() {
      const empty = HttpClientResponse.fromWeb(request, new Response(null, { status: 200 }))
      expect(yield* readBody(empty, 10)).toEqual({ text: "", truncated: false, unreadEncoding: undefined })
    }))

  it.effect("a body that fails mid-way is a failure, not empty text", () =>
    Effect.gen(function*() {
      const result = yield* outcome(readBody(responseOf(["0123"], {}, true), 10))
      expect(result._tag === "Failure").toBe(true)
    }))

  it.effect.each<readonly [string, string]>([["gzip", "gzip"], ["  GZIP ", "gzip"], ["br", "br"], [
    "x".repeat(60),
    "x".repeat(40)
  ]])(
    "content-encoding %j: not read at all, reported as %j",
    ([encoding, reported]) =>
      Effect.gen(function*() {
        const response = responseOf(["{}"], { "content-encoding": encoding })
        expect(yield* readBody(response, 10)).toEqual({ text: "", truncated: false, unreadEncoding: reported })
        const source = (response as unknown as { readonly source: Response }).source
        expect(source.bodyUsed).toBe(false)
      })
  )

  it.effect.each(["identity", " Identity ", ""])(
    "content-encoding %j: read as plain text",
    (encoding) =>
      Effect.gen(function*() {
        expect(yield* readBody(responseOf(["{}"], { "content-encoding": encoding }), 10)).toEqual({
          text: "{}",
          truncated: false,
          unreadEncoding: undefined
        })
      })
  )
})

const answered = (status: number, body: string | object, headers: Record<string, string> = {}) =>
  Effect.gen(function*() {
    const emulator = yield* OpenRouterTest.Emulator
    yield* emulator.script("GET /credits", OpenRouterTest.reply(status, body, headers))
    return yield* Effect.flip(Credits.getCredits)
  }).pipe(Effect.provide(OpenRouterTest.layer({ config: { retry: Retry.none } })))

describe("the error envelope, read leniently: the status chooses the class", () => {
  it.effect.each<readonly [unknown, number]>([
    [429, 429],
    ["429", 429],
    [" 403 ", 403],
    ["123456789", 123456789],
    ["1234567890", 403],
    ["abc", 403],
    ["", 403],
    [4.5, 403],
    [null, 403]
  ])("code %j gives error.code %j", ([code, expected]) =>
    Effect.gen(function*() {
      const error = yield* answered(403, { error: { code, message: "nope" } })
      expect(error._tag).toBe("ForbiddenResponseError")
      expect(error._tag === "ForbiddenResponseError" && error.error).toEqual({ code: expected, message: "nope" })
    }))

  it.effect("an error that is a string is the message", () =>
    Effect.gen(function*() {
      const error = yield* answered(429, { error: "Rate limit exceeded" })
      expect(error._tag === "TooManyRequestsResponseError" && error.error).toEqual({
        code: 429,
        message: "Rate limit exceeded"
      })
    }))

  it.effect("an error without a message has an empty one, and keeps metadata null", () =>
    Effect.gen(function*() {
      const error = yield* answered(400, { error: { code: 400, metadata: null } })
      expect(error._tag === "BadRequestResponseError" && error.error).toEqual({
        code: 400,
        message: "",
        metadata: null
      })
      expect(error._tag === "BadRequestResponseError" && error.body).toBeUndefined()
    }))

  it.effect.each<readonly [string, string]>([
    ["no error field", "{\"message\":\"hi\"}"],
    ["a null error", "{\"error\":null}"],
    ["an array", "[1,2]"],
    ["a JSON string", "\"oops\""],
    ["not JSON", "<h1>Forbidden</h1>"]
  ])("%s: the body is kept, the code is the status", ([, body]) =>
    Effect.gen(function*() {
      const error = yield* answered(403, body, { "content-type": "application/json" })
      expect(error._tag).toBe("ForbiddenResponseError")
      if (error._tag !== "ForbiddenResponseError") return
      expect(error.error).toEqual({ code: 403, message: "" })
      expect(error.body).toBe(body)
    }))

  it.effect("user_id is kept when it is a string, and only then", () =>
    Effect.gen(function*() {
      const named = yield* answered(401, { error: { code: 401, message: "x" }, user_id: "user_9" })
      expect(named._tag === "UnauthorizedResponseError" && named.userId).toBe("user_9")
      const unnamed = yield* answered(401, { error: { code: 401, message: "x" }, user_id: 9 })
      expect(unnamed._tag === "UnauthorizedResponseError" && "userId" in unnamed).toBe(false)
    }))

  it.effect("Retry-After is read on a 429, 502, 503, 524 and 529 only", () =>
    Effect.gen(function*() {
      const limited = yield* answered(503, "busy", { "retry-after": "7" })
      expect(limited._tag === "OpenRouterDefaultError" && limited.retryAfter && Duration.toMillis(limited.retryAfter))
        .toBe(7000)
      for (const status of [502, 524, 529]) {
        const hinted = yield* answered(status, "busy", { "retry-after": "7" })
        expect(Retry.retryAfterOf(hinted) && Duration.toMillis(Retry.retryAfterOf(hinted)!)).toBe(7000)
      }
      const failed = yield* answered(504, "gateway timeout", { "retry-after": "7" })
      expect([failed._tag, "retryAfter" in failed]).toEqual(["OpenRouterDefaultError", false])
      const internal = yield* answered(500, { error: { code: 500, message: "x" } }, { "retry-after": "7" })
      expect(internal._tag === "InternalServerResponseError" && "retryAfter" in internal).toBe(false)
    }))

  it.effect("any other status keeps the content type, the body and what the envelope said", () =>
    Effect.gen(function*() {
      const error = yield* answered(504, { error: { code: "504", message: "upstream" } })
      expect(error).toMatchObject({
        _tag: "OpenRouterDefaultError",
        status: 504,
        contentType: "application/json",
        body: "{\"error\":{\"code\":\"504\",\"message\":\"upstream\"}}",
        error: { code: 504, message: "upstream" }
      })
      expect("unreadEncoding" in error).toBe(false)
      const page = yield* answered(504, "<h1>Gateway timeout</h1>")
      expect(page).toMatchObject({ contentType: "text/plain", body: "<h1>Gateway timeout</h1>" })
      expect("error" in page).toBe(false)
    }))
})

/** An answer as an attempt hands it on: the response for its status and headers, the body already read as text. */
const answerOf = (status: number, text: string, headers: Record<string, string> = {}, extra: Partial<Answer> = {}) =>
  ({
    method: "GET",
    url: "http://openrouter.test/api/v1/credits",
    attempt: 1,
    response: HttpClientResponse.fromWeb(request, new Response(null, { status, headers })),
    text,
    truncated: false,
    unreadEncoding: undefined,
    scrub: scrubber("sk-or-v1-test"),
    ...extra
  }) satisfies Answer

describe("a 2xx body that does not decode: each issue names where and what", () => {
  const Data = Schema.Struct({ data: Schema.Struct({ n: Schema.Number }) })

  it("a body that is not an object fails at (body)", () => {
    expect(issuesOf(Data, answerOf(200, "[1]"))).toEqual([{ path: "(body)", message: expect.any(String) }])
  })

  it("a nested field is named by its path", () => {
    expect(issuesOf(Data, answerOf(200, "{\"data\":{\"n\":\"1\"}}"))).toEqual([
      { path: "data.n", message: notANumber("1") }
    ])
  })

  it("a body that is not JSON says so, with the parser's words", () => {
    const [issue] = issuesOf(Data, answerOf(200, "<html>"))
    expect(issue?.path).toBe("(body)")
    expect(issue?.message).toMatch(/^not JSON \(.*is not valid JSON\)$/)
  })

  it("a body cut at the bound says it was not read further", () => {
    expect(issuesOf(Data, answerOf(200, "{\"data\":", {}, { truncated: true }))).toEqual([
      { path: "(body)", message: "larger than 1 MiB, not read further" }
    ])
  })

  it("a compressed body says it was not read, and why", () => {
    const [issue] = issuesOf(Data, answerOf(200, "", {}, { unreadEncoding: "gzip" }))
    expect(issue?.path).toBe("(body)")
    expect(issue?.message).toContain("compressed (Content-Encoding: gzip)")
  })

  it("at most 20 issues, paths cut to 200 characters and messages to 1,000", () => {
    const many = Schema.Struct(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, Schema.Number])))
    expect(issuesOf(many, answerOf(200, "{}"))).toHaveLength(20)
    const long = Schema.Struct({ ["k".repeat(300)]: Schema.Number })
    expect(issuesOf(long, answerOf(200, "{}"))[0]?.path).toBe("k".repeat(200))
    const [issue] = issuesOf(wordyIssue.schema, answerOf(200, JSON.stringify(wordyIssue.body)))
    expect(issue?.message).toHaveLength(1_000)
  })
})

describe("what an error answer keeps, and how much", () => {
  it("metadata that is not an object is not kept", () => {
    const error = statusErrorOrGone(
      answerOf(400, JSON.stringify({ error: { code: 400, message: "m", metadata: [1] } })),
      0
    )
    expect(error._tag === "BadRequestResponseError" && error.error).toEqual({ code: 400, message: "m" })
  })

  it("a user id is cut to 200 characters", () => {
    const body = JSON.stringify({ error: { code: 401, message: "m" }, user_id: "u".repeat(300) })
    const error = statusErrorOrGone(answerOf(401, body), 0)
    expect(error._tag === "UnauthorizedResponseError" && error.userId).toBe("u".repeat(200))
  })

  it("an unexpected status without a content type keeps an empty one; a long one is cut to 200 characters", () => {
    const none = statusErrorOrGone(answerOf(504, "x"), 0)
    expect(none._tag === "OpenRouterDefaultError" && none.contentType).toBe("")
    const long = statusErrorOrGone(answerOf(504, "x", { "content-type": `text/${"p".repeat(300)}` }), 0)
    expect(long._tag === "OpenRouterDefaultError" && long.contentType).toBe(`text/${"p".repeat(195)}`)
  })

  it("an unexpected status keeps the encoding of a body it did not read, and only then", () => {
    const unread = statusErrorOrGone(answerOf(504, "", {}, { unreadEncoding: "br" }), 0)
    expect(unread._tag === "OpenRouterDefaultError" && unread.unreadEncoding).toBe("br")
    expect("unreadEncoding" in statusErrorOrGone(answerOf(504, "x"), 0)).toBe(false)
  })

  it("a 410 is GoneResponseError: the envelope when there is one, else the body when there is one", () => {
    const enveloped = statusErrorOrGone(answerOf(410, JSON.stringify({ error: { code: 410, message: "gone" } })), 0)
    expect(enveloped).toMatchObject({ _tag: "GoneResponseError", status: 410, error: { code: 410, message: "gone" } })
    expect("body" in enveloped).toBe(false)
    const page = statusErrorOrGone(answerOf(410, "<h1>Gone</h1>"), 0)
    expect(page).toMatchObject({ _tag: "GoneResponseError", error: { code: 410, message: "" }, body: "<h1>Gone</h1>" })
    expect("body" in statusErrorOrGone(answerOf(410, ""), 0)).toBe(false)
  })

  it("a typed status error keeps a body that was no envelope, and no empty one", () => {
    expect(statusErrorOrGone(answerOf(403, "<h1>Forbidden</h1>"), 0)).toMatchObject({ body: "<h1>Forbidden</h1>" })
    expect("body" in statusErrorOrGone(answerOf(403, ""), 0)).toBe(false)
  })
})
