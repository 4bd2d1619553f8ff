import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import { Credits, Retry, Schemas } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { checkRoundTrip, fc, type HttpClient, onlyFailureTag, samplesOf, writeReport } from "../support/seam.js"

/**
 * A fixed seed keeps `npm test` reproducible; `npm run fuzz` explores new cases with a random seed
 * (printed on failure, replay with FC_SEED=<seed>).
 */
const RUNS = Number(process.env["FC_RUNS"] ?? 300)
const SEED = process.env["FC_SEED"] === undefined ? 20_261_124 : Number(process.env["FC_SEED"])
fc.configureGlobal({ seed: SEED })
const figures: Record<string, number> = {}
const checked = (name: string, runs: number) => {
  figures[name] = runs
}
afterAll(() => writeReport("properties", { runs: figures }))

// The expectations come from the contract, written apart from src/ so that a rule wrong in both cannot agree
// with itself: a bearer token goes in an HTTP header as printable ASCII with no spaces (RFC 9110 field-vchar,
// minus SP, HTAB and obs-text), and a sender is an EVM address, "0x" and 40 hexadecimal digits.
const isHeaderToken = (token: string): boolean => {
  if (token.length === 0) return false
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    if (code <= 0x20 || code >= 0x7f) return false
  }
  return true
}
const HEX = new Set("0123456789abcdefABCDEF")
const isAddress = (value: string): boolean =>
  value.length === 42 && value.startsWith("0x") && [...value.slice(2)].every((c) => HEX.has(c))
const hexDigits = (n: number) => fc.array(fc.constantFrom(..."0123456789abcdefABCDEF"), { minLength: n, maxLength: n })

const amounts = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e308, 5e-324, 2000, 0.01),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string(),
  fc.constant(null)
)
const senders = fc.oneof(
  hexDigits(40).map((d) => `0x${d.join("")}`),
  hexDigits(40).map((d) => `0x${d.join("").toLowerCase()}`),
  fc.constantFrom(39, 41).chain((n) => hexDigits(n).map((d) => `0x${d.join("")}`)),
  hexDigits(40).map((d) => ` 0x${d.join("")} `),
  fc.string({ unit: "grapheme" }),
  fc.string(),
  fc.constant(undefined)
)
const chainIds = fc.oneof(
  fc.constantFrom(1, 137, 8453),
  fc.integer(),
  fc.double(),
  fc.constantFrom("1", "137", 1.5, null)
)
const controlCharacters = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code))
const tokens = fc.oneof(
  fc.array(fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), {
    minLength: 1,
    maxLength: 64
  }).map((chars) => chars.join("")),
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.tuple(fc.string({ minLength: 1 }), fc.oneof(controlCharacters, fc.constantFrom("\x7f", "\u00a0", "\u0100")))
    .map(([text, bad]) => `sk-or-v1-${text}${bad}tail`),
  fc.constantFrom("", " ", "\t", "tok\nen", "token\r\nX-Injected: yes", "tok en", "tök", "tok\x7fen", "\x7f")
)

/** Runs `effect` against a fresh emulator that knows `keys`, with retries off. */
const run = <A, E>(
  effect: Effect.Effect<
    A,
    E,
    import("openrouter-effect").OpenRouterConfig.OpenRouterConfig | HttpClient.HttpClient
  >,
  options: OpenRouterTest.Options & { readonly apiKey?: string } = {}
) =>
  Effect.runPromise(
    Effect.gen(function*() {
      const exit = yield* Effect.exit(effect)
      const emulator = yield* OpenRouterTest.Emulator
      return { exit, requests: emulator.requests }
    }).pipe(Effect.provide(OpenRouterTest.layer({
      ...options,
      config: { retry: Retry.none, ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }) }
    })))
  )

const noDefect = (exit: Exit.Exit<unknown, { readonly _tag: string }>) =>
  Exit.isSuccess(exit) || onlyFailureTag(exit) !== undefined

describe("bad input never becomes a defect or a request", () => {
  it("createCoinbaseCharge: any amount, sender, chainId and bearer", async () => {
    await fc.assert(
      fc.asyncProperty(amounts, senders, chainIds, tokens, async (amount, sender, chainId, bearer) => {
        const input = { amount, sender, chainId } as unknown as Schemas.CreateChargeRequest
        const { exit, requests } = await run(Credits.createCoinbaseCharge({ bearer }, input), { keys: [bearer] })
        const valid = typeof amount === "number" && Number.isFinite(amount) && amount > 0 &&
          typeof sender === "string" && isAddress(sender) &&
          (chainId === 1 || chainId === 137 || chainId === 8453) &&
          isHeaderToken(bearer)
        expect(noDefect(exit)).toBe(true)
        if (valid) {
          expect(requests).toHaveLength(1)
          expect(requests[0]!.key).toBe("ordinary")
          expect(Exit.isSuccess(exit)).toBe(true)
        } else {
          expect(requests).toHaveLength(0)
          expect(onlyFailureTag(exit)).toBe("RequestValidationError")
        }
      }),
      { numRuns: RUNS * 2 }
    )
    checked("createCoinbaseCharge input (amount × sender × chainId × bearer)", RUNS * 2)
  })

  it("getCredits: any apiKey", async () => {
    await fc.assert(
      fc.asyncProperty(tokens, async (apiKey) => {
        const { exit, requests } = await run(Credits.getCredits, { apiKey, managementKeys: [apiKey] })
        expect(noDefect(exit)).toBe(true)
        expect(requests).toHaveLength(isHeaderToken(apiKey) ? 1 : 0)
        expect(Exit.isSuccess(exit)).toBe(isHeaderToken(apiKey))
      }),
      { numRuns: RUNS }
    )
    checked("getCredits apiKey", RUNS)
  })
})

describe("schemas round-trip: decode(encode(x)) equals x", () => {
  const schemas = [
    ["CreditBalance", Schemas.CreditBalance],
    ["GetCreditsResponse", Schemas.GetCreditsResponse],
    ["CreateChargeRequest", Schemas.CreateChargeRequest],
    ["CoinbaseCharge", Schemas.CoinbaseCharge],
    ["CreateCoinbaseChargeResponse", Schemas.CreateCoinbaseChargeResponse],
    ["ErrorResponse", Schemas.ErrorResponse]
  ] as const

  it.each(schemas)("%s", async (name, schema) => {
    await Effect.runPromise(checkRoundTrip(schema, RUNS, SEED))
    checked(`round trip ${name}`, RUNS)
  })
})

describe("ErrorResponse from an untrusted body", () => {
  it("drops a metadata key `__proto__` instead of letting it replace the object's prototype", () => {
    const body = JSON.parse(
      "{\"error\":{\"code\":429,\"message\":\"m\",\"metadata\":{\"__proto__\":{\"forged\":1},\"provider\":\"p\"}}}"
    )
    const metadata = Schema.decodeUnknownSync(Schemas.ErrorResponse)(body).error.metadata
    expect(metadata).toEqual({ provider: "p" })
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
    expect(metadata?.["forged"]).toBeUndefined()
  })
})

describe("any response body ends in a value or a typed error, never a defect", () => {
  const statuses = fc.constantFrom(200, 200, 200, 201, 400, 401, 402, 403, 404, 410, 418, 429, 500, 502, 503)
  const bodies = fc.oneof(
    fc.json(),
    fc.string(),
    fc.anything().map((x) => {
      try {
        return JSON.stringify(x) ?? ""
      } catch {
        return ""
      }
    }),
    samplesOf(Schemas.GetCreditsResponse, SEED).map((x) =>
      JSON.stringify(Schema.encodeSync(Schemas.GetCreditsResponse)(x))
    ),
    samplesOf(Schemas.CreateCoinbaseChargeResponse, SEED).map((x) =>
      JSON.stringify(Schema.encodeSync(Schemas.CreateCoinbaseChargeResponse)(x))
    ),
    samplesOf(Schemas.ErrorResponse, SEED).map((x) => JSON.stringify(x))
  )
  const headers = fc.dictionary(
    fc.constantFrom("retry-after", "retry-after-ms", "content-type", "x-ratelimit-remaining"),
    fc.string()
  )

  it("for both operations", async () => {
    await fc.assert(
      fc.asyncProperty(statuses, bodies, headers, async (status, body, extra) => {
        const step = OpenRouterTest.reply(status, body, extra)
        const faults = { "GET /credits": [step], "POST /credits/coinbase": [step] }
        const got = await run(Credits.getCredits, { faults })
        const posted = await run(
          Credits.createCoinbaseCharge({ bearer: OpenRouterTest.ordinaryKey }, {
            amount: 1,
            sender: "0x1234567890123456789012345678901234567890",
            chainId: 1
          }),
          { faults }
        )
        const exits: ReadonlyArray<Exit.Exit<unknown, { readonly _tag: string }>> = [got.exit, posted.exit]
        for (const exit of exits) {
          expect(noDefect(exit)).toBe(true)
          if (Exit.isSuccess(exit)) expect(status >= 200 && status < 300).toBe(true)
        }
      }),
      { numRuns: RUNS }
    )
    checked("response bodies × statuses × headers, both operations", RUNS)
  })
})
