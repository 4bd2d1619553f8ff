import { describe, expect, it } from "@effect/vitest"
import { HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import { failureFacts } from "../src/internal/httpKit.js"

// Effect 4 names a client's failures by reason classes of its own; the shared error mapping reads them through
// failureFacts: a failure after a response came is the response's, an invalid URL is the caller's, the rest the
// transport's.

const request = HttpClientRequest.get("https://openrouter.ai/api/v1/credits")
const response = HttpClientResponse.fromWeb(request, new Response("x", { status: 200 }))
const cause = new Error("underneath")

describe("failureFacts", () => {
  it.each(
    [
      ["DecodeError", new HttpClientError.DecodeError({ request, response, cause }), "Response"],
      ["EmptyBodyError", new HttpClientError.EmptyBodyError({ request, response }), "Response"],
      ["StatusCodeError", new HttpClientError.StatusCodeError({ request, response }), "Response"],
      ["InvalidUrlError", new HttpClientError.InvalidUrlError({ request, cause }), "InvalidUrl"],
      ["TransportError", new HttpClientError.TransportError({ request, cause }), "Transport"],
      ["EncodeError", new HttpClientError.EncodeError({ request, cause }), "Transport"]
    ] as const
  )("%s is the %s's", (tag, reason, kind) => {
    const facts = failureFacts(new HttpClientError.HttpClientError({ reason }))
    expect(facts.kind).toBe(kind)
    expect(facts.description).toBe(tag)
  })

  it("a reason's own description and cause are kept", () => {
    const reason = new HttpClientError.TransportError({ request, cause, description: "socket closed" })
    expect(failureFacts(new HttpClientError.HttpClientError({ reason }))).toEqual({
      kind: "Transport",
      cause,
      description: "socket closed"
    })
  })
})
