import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"
import { parseRetryAfter } from "../../src/internal/retryAfter.js"

const NOW = Date.parse("2026-11-24T12:00:00Z")
const millis = (headers: Record<string, string>) => {
  const parsed = parseRetryAfter(headers, NOW)
  return parsed === undefined ? undefined : Duration.toMillis(parsed)
}

describe("parseRetryAfter", () => {
  it("reads whole seconds", () => expect(millis({ "retry-after": "3" })).toBe(3000))
  it("reads an HTTP date", () => expect(millis({ "retry-after": "Tue, 24 Nov 2026 12:00:10 GMT" })).toBe(10_000))
  it("treats a date in the past as now", () =>
    expect(millis({ "retry-after": "Tue, 24 Nov 2026 11:00:00 GMT" })).toBe(0))
  it("prefers retry-after-ms", () => expect(millis({ "retry-after-ms": "1500", "retry-after": "9" })).toBe(1500))
  it.each(["-5", "soon", "1.5e3", "", "  ", "3 seconds", "0x10"])(
    "ignores %j",
    (value) => expect(millis({ "retry-after": value })).toBeUndefined()
  )
  it("ignores a negative retry-after-ms and falls back to Retry-After", () =>
    expect(millis({ "retry-after-ms": "-1", "retry-after": "2" })).toBe(2000))
  it("is undefined without either header", () => expect(millis({})).toBeUndefined())
  it("reads values with spaces around them", () => {
    expect(millis({ "retry-after-ms": " 1500 " })).toBe(1500)
    expect(millis({ "retry-after": " 7 " })).toBe(7000)
  })
})
