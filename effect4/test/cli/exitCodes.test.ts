import { describe, expect, it } from "@effect/vitest"
import { exitCodeMeanings, exitCodeOf } from "../../src/internal/cli/exitCodes.js"

// The exit codes a cron job or a CI step acts on, per failure, as docs/cli.md and the README list them.

const byTag = [
  ["UnauthorizedResponseError", 77],
  ["ForbiddenResponseError", 77],
  ["NoSpendingLimitError", 77],
  ["RequestValidationError", 64],
  ["BadRequestResponseError", 1],
  ["PaymentRequiredResponseError", 1],
  ["NotFoundResponseError", 1],
  ["ConflictResponseError", 1],
  ["GoneResponseError", 1],
  ["InsufficientCreditsError", 1],
  ["TooManyRequestsResponseError", 69],
  ["InternalServerResponseError", 69],
  ["BadGatewayResponseError", 69],
  ["EdgeNetworkTimeoutResponseError", 69],
  ["ProviderOverloadedResponseError", 69],
  ["OpenRouterDefaultError", 69],
  ["ConnectionError", 69],
  ["RequestTimeoutError", 69],
  ["ResponseValidationError", 69],
  ["UnsupportedRuntimeError", 69]
] as const

describe("exitCodeOf", () => {
  it.each(byTag)("%s exits with %i", (tag, code) => {
    expect(exitCodeOf({ _tag: tag })).toBe(code)
  })

  it.each([["a Config failure", { _tag: "ConfigError" }], ["a thrown string", "boom"], ["nothing", null]])(
    "anything else (%s) is bad usage: 64",
    (_, error) => {
      expect(exitCodeOf(error)).toBe(64)
    }
  )

  it("docs/cli.md explains every code it gives, and 0", () => {
    const explained = exitCodeMeanings.map(([code]) => code)
    expect(explained).toEqual(
      [0, ...new Set([...byTag.map(([, code]) => code), exitCodeOf(null)])].sort((a, b) => a - b)
    )
  })
})
