import { describe, expect, it } from "@effect/vitest"
import { boundJson, keep, safeHeaders, safeUrl, scrubber } from "../../src/internal/redact.js"
import { Headers } from "../support/seam.js"

// What an error may keep of what a server or a transport said, from the README's promise: no credential the SDK
// sent, no `user:password@` of any URL, nothing that lets a server set a prototype, and a bounded size.

const SECRET = "sk-or-v1-secret/+="
const scrub = scrubber(SECRET)
const printed = (value: unknown) => JSON.stringify(value)

describe("scrubber: the credential as sent and URL-encoded, wherever it appears", () => {
  it("every occurrence, in both forms", () => {
    expect(scrub(`a ${SECRET} b ${encodeURIComponent(SECRET)} c ${SECRET}`)).toBe(
      "a <redacted> b <redacted> c <redacted>"
    )
  })

  it("a credential of any shape (a Coinbase bearer), in both forms; and any OpenRouter key, whoever's", () => {
    const bearer = "bearer-abc/+=def"
    expect(scrubber(bearer)(`a ${bearer} b ${encodeURIComponent(bearer)} c sk-or-v1-someone-elses-key`)).toBe(
      "a <redacted> b <redacted> c <redacted>"
    )
  })

  it("an empty credential scrubs nothing and leaves the text as it was", () => {
    expect(scrubber("")("text")).toBe("text")
  })
})

describe("safeUrl: no user:password@ in a URL or in a text that quotes one", () => {
  it.each([
    ["https://user:pass@openrouter.ai/api/v1", "https://openrouter.ai/api/v1"],
    ["https://user:p@ss@openrouter.ai/x", "https://openrouter.ai/x"],
    [
      "fetch failed: connect to http://u:p@proxy.test:8080/ refused",
      "fetch failed: connect to http://proxy.test:8080/ refused"
    ],
    ["two: https://a:b@one.test and HTTP://c:d@two.test/", "two: https://one.test and HTTP://two.test/"],
    ["https://openrouter.ai/p@th?to=a@b#c@d", "https://openrouter.ai/p@th?to=a@b#c@d"],
    ["mail me@example.com, see https://openrouter.ai", "mail me@example.com, see https://openrouter.ai"],
    ["proxy_http://u:p@proxy.test/ (x.https://a:b@c.test)", "proxy_http://proxy.test/ (x.https://c.test)"]
  ])("%j shows as %j", (text, shown) => {
    expect(safeUrl(text)).toBe(shown)
  })
})

describe("safeUrl on text that is no URL", () => {
  it("a long run of scheme characters is left as it was", () => {
    expect(safeUrl(`${"a".repeat(10_000)}://x`)).toBe(`${"a".repeat(10_000)}://x`)
  })
})

describe("safeHeaders: what a response's headers may show", () => {
  it("drops headers that may carry credentials, scrubs and cleans the rest, and cuts long values", () => {
    const headers = Headers.fromInput({
      "set-cookie": "session=1",
      "x-api-key": "k",
      location: "https://u:p@elsewhere.test/x",
      "content-location": "https://u:p@elsewhere.test/y",
      "x-echo": `seen ${SECRET} at https://u:p@proxy.test/`,
      "x-long": "v".repeat(20_000)
    })
    expect(safeHeaders(headers, scrub)).toEqual({
      location: "https://elsewhere.test/x",
      "content-location": "https://elsewhere.test/y",
      "x-echo": "seen <redacted> at https://proxy.test/",
      "x-long": "v".repeat(10_000)
    })
  })
})

describe("keep: scrubbed, then at most 10,000 characters", () => {
  it("cuts at 10,000 exactly, after scrubbing", () => {
    expect(keep("x".repeat(10_000), scrub)).toHaveLength(10_000)
    expect(keep("x".repeat(10_001), scrub)).toHaveLength(10_000)
    expect(keep(`${SECRET}${"x".repeat(10_000)}`, scrub).startsWith("<redacted>x")).toBe(true)
  })
})

describe("boundJson: server metadata as an error keeps it", () => {
  it("small metadata is kept as it came, with the credential scrubbed from keys and values", () => {
    const metadata = { reason: `key ${SECRET} is over its limit`, [SECRET]: 1, list: [1, "two", null, true] }
    expect(boundJson(metadata, scrub)).toEqual({
      reason: "key <redacted> is over its limit",
      "<redacted>": 1,
      list: [1, "two", null, true]
    })
  })

  it("a __proto__ key is dropped, so the copy keeps the plain prototype", () => {
    const kept = boundJson(JSON.parse("{\"__proto__\":{\"polluted\":true},\"a\":1}"), scrub) as Record<string, unknown>
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype)
    expect(Object.keys(kept)).toEqual(["a"])
    expect((kept as { polluted?: unknown }).polluted).toBeUndefined()
  })

  it("eight levels are kept; what is deeper is marked", () => {
    const nested = (depth: number): unknown => depth === 0 ? "leaf" : { n: nested(depth - 1) }
    expect(printed(boundJson(nested(8), scrub))).toBe(printed(nested(8)))
    expect(printed(boundJson(nested(9), scrub))).toBe(printed(nested(8)).replace("\"leaf\"", "\"[truncated]\""))
  })

  it("a key is cut to 200 characters", () => {
    expect(Object.keys(boundJson({ ["k".repeat(300)]: 1 }, scrub) as object)).toEqual(["k".repeat(200)])
  })

  it.each([
    ["one long string", { s: "x".repeat(50_000) }],
    ["many keys", Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`key${i}`, i]))],
    ["a long array", { a: Array.from({ length: 20_000 }, (_, i) => i) }],
    ["many strings", { a: Array.from({ length: 2_000 }, () => "abcdefghij") }],
    ["nested arrays of objects", { a: Array.from({ length: 1_000 }, (_, i) => ({ i, s: "x".repeat(30) })) }]
  ])("%s: printed, it stays within 10,000 characters and keeps a good part, marked where it stopped", (_, value) => {
    const text = printed(boundJson(value, scrub))
    expect(text.length).toBeLessThanOrEqual(10_000)
    expect(text.length).toBeGreaterThan(4_000)
    expect(text).toMatch(/truncated|x{9000}/)
  })
})
