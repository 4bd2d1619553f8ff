import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { Errors, Retry } from "openrouter-effect"
import { delaysOf, fixedDelays } from "../support/seam.js"
import {} from "../support/seam.js"

// What each message must say, from the README's promise: what happened, and what to do about it.
const at = { method: "GET", url: "https://openrouter.ai/api/v1/credits?x=1", attempts: 1 }

describe("ConnectionError says what went wrong, by reason", () => {
  it.each(
    [
      ["ConnectionRefused", "the connection was refused"],
      ["HostNotFound", "the host name could not be resolved"],
      ["InvalidUrl", "the URL is invalid (check baseUrl)"],
      ["Transport", "the request could not be sent"],
      ["ResponseBody", "reading the response failed"],
      ["Redirected", "OpenRouterConfig.layerClient"],
      ["Repeated", "no idempotency key"],
      ["Closed", "the scope of the layer that made it has ended"]
    ] as const
  )("%s: %s", (reason, says) => {
    const error = new Errors.ConnectionError({ ...at, reason, detail: "the transport's words" })
    expect(error.message).toContain(says)
    expect(error.message.startsWith("GET /api/v1/credits: ")).toBe(true)
    expect(error.message).toContain("the transport's words")
    expect(error.message).not.toContain("OPENROUTER_BASE_URL")
    for (
      const [other, phrase] of [
        ["ConnectionRefused", "refused"],
        ["HostNotFound", "host name"],
        ["InvalidUrl", "invalid"],
        ["ResponseBody", "reading the response"]
      ] as const
    ) {
      if (other !== reason) expect(error.message).not.toContain(phrase)
    }
  })
})

describe("OpenRouterDefaultError says what came back", () => {
  const base = { ...at, status: 502, headers: {}, contentType: "text/html" }
  it("a body: its start, marked when cut", () => {
    expect(new Errors.OpenRouterDefaultError({ ...base, body: "x".repeat(1_000) }).message).toMatch(/: x{1000}$/)
    expect(new Errors.OpenRouterDefaultError({ ...base, body: "x".repeat(1_001) }).message).toMatch(/: x{1000}…$/)
  })
  it("an empty body, no content type", () => {
    const error = new Errors.OpenRouterDefaultError({ ...base, contentType: "", body: "" })
    expect(error.message).toBe(
      "OpenRouter answered GET /api/v1/credits with unexpected status 502 (no content type) and an empty body"
    )
  })
  it("the content type, the status", () => {
    expect(new Errors.OpenRouterDefaultError({ ...base, body: "b" }).message).toBe(
      "OpenRouter answered GET /api/v1/credits with unexpected status 502 (text/html): b"
    )
  })
  it("a compressed body it did not read", () => {
    const error = new Errors.OpenRouterDefaultError({ ...base, body: "", unreadEncoding: "br" })
    expect(error.message).toContain("a body compressed with br, not read")
  })
  it("a redirect, with and without a Location; 299 and 400 are not redirects", () => {
    const to = new Errors.OpenRouterDefaultError({
      ...base,
      status: 302,
      headers: { location: "https://x.test/y" },
      body: ""
    })
    expect(to.message).toContain("with a redirect (302) to https://x.test/y, which the SDK does not follow")
    const nowhere = new Errors.OpenRouterDefaultError({ ...base, status: 300, body: "" })
    expect(nowhere.message).toContain("with a redirect (300), which")
    for (const status of [299, 400]) {
      expect(new Errors.OpenRouterDefaultError({ ...base, status, body: "" }).message).not.toContain("redirect")
    }
    const far = new Errors.OpenRouterDefaultError({
      ...base,
      status: 301,
      headers: { location: `https://x.test/${"p".repeat(2_000)}` },
      body: ""
    })
    expect(far.message).toContain(` to https://x.test/${"p".repeat(1_000 - 15)}, which`)
  })
  it("the server's own words from an envelope, trailing dots trimmed, long ones cut", () => {
    const said = (message: string) =>
      new Errors.OpenRouterDefaultError({ ...base, body: "", error: { code: 502, message } }).message
    expect(said("Upstream down...  ")).toMatch(/: Upstream down$/)
    expect(said("  Upstream down")).toMatch(/\(text\/html\): Upstream down$/)
    expect(said("m".repeat(1_001))).toMatch(/: m{1000}…$/)
    expect(said("m".repeat(1_000))).toMatch(/: m{1000}$/)
    expect(said(" . ")).toBe("OpenRouter answered GET /api/v1/credits with unexpected status 502 (text/html)")
  })
})

describe("the typed status errors say what to do", () => {
  const envelope = { ...at, headers: {}, error: { code: 0, message: "" } }
  it.each([
    [
      new Errors.BadRequestResponseError({ ...envelope, status: 400 }),
      "retrying the same request will fail the same way"
    ],
    [new Errors.UnauthorizedResponseError({ ...envelope, status: 401 }), "Check that the key"],
    [new Errors.InternalServerResponseError({ ...envelope, status: 500 }), "usually transient"],
    [new Errors.TooManyRequestsResponseError({ ...envelope, status: 429 }), "Wait before calling again."],
    [
      new Errors.TooManyRequestsResponseError({ ...envelope, status: 429, retryAfter: Duration.millis(500) }),
      "The server asked to wait 500ms before calling again."
    ],
    [new Errors.GoneResponseError({ ...envelope, method: "POST", status: 410 }), "web purchase flow"]
  ])("%s", (error, says) => {
    expect(error.message).toContain(says)
    expect(error.message).toContain(`${error.method} /api/v1/credits`)
  })

  it("a body that was not an envelope is what the server said", () => {
    const error = new Errors.ForbiddenResponseError({ ...envelope, status: 403, body: "<h1>Forbidden</h1>" })
    expect(error.message).toContain("(403): <h1>Forbidden</h1>.")
  })

  it("a URL with no path, or that is not one, is shown whole", () => {
    const error = new Errors.RequestTimeoutError({ method: "GET", url: "no-url", timeout: Duration.seconds(1) })
    expect(error.message.startsWith("GET no-url got no complete response within 1s")).toBe(true)
    const quoted = new Errors.RequestTimeoutError({
      method: "GET",
      url: "see https://elsewhere.test/path",
      timeout: Duration.seconds(1)
    })
    expect(quoted.message.startsWith("GET see https://elsewhere.test/path got")).toBe(true)
  })

  it("ResponseValidationError names at most five failing paths", () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `p${i}`, message: `m${i}` }))
    const error = new Errors.ResponseValidationError({ ...at, status: 200, headers: {}, issues, body: "" })
    expect(error.message).toContain("(p0: m0; p1: m1; p2: m2; p3: m3; p4: m4)")
    expect(error.message).not.toContain("p5")
  })
})

describe("Retry.withinTotalWait stops before the wait that passes the budget, not at it", () => {
  it.effect.each(
    [
      [1_000, [400, 400, 200]],
      [999, [400, 400]]
    ] as const
  )("budget %i ms over waits of 400, 400, 200, 200 ms: %j", ([budget, waits]) =>
    Effect.gen(function*() {
      const schedule = fixedDelays([400, 400, 200, 200])
      const inputs: Array<null> = Array(6).fill(null)
      const delays = yield* delaysOf(Retry.withinTotalWait(schedule, Duration.millis(budget)), inputs)
      expect(delays.filter((d) => d > 0)).toEqual(waits)
    }))
})

describe("InsufficientCreditsError says where it read, and what to do", () => {
  it.each(
    [
      [
        "account",
        "Refused: $3 left on the account (GET /credits), less than the $5 this work requires. Add credits at https://openrouter.ai/settings/credits, or lower the requirement."
      ],
      [
        "key",
        "Refused: $3 left of the key's spending limit (GET /key), less than the $5 this work requires. Raise the key's limit at https://openrouter.ai/settings/keys, or lower the requirement."
      ]
    ] as const
  )("%s", (source, says) => {
    expect(new Errors.InsufficientCreditsError({ remaining: 3, required: 5, source }).message).toBe(says)
  })
})

describe("a 403 from a budget names the layer and its reset, as far as the server says them", () => {
  const refused = (message: string, metadata?: Record<string, unknown>, body?: string) =>
    new Errors.ForbiddenResponseError({
      method: "GET",
      url: "https://openrouter.ai/api/v1/generation?id=gen-1",
      attempts: 1,
      headers: {},
      status: 403,
      error: { code: 403, message, ...(metadata === undefined ? {} : { metadata }) },
      ...(body === undefined ? {} : { body })
    }).message
  const advice = ": ApiKeys.spendable says which layer binds and when it resets."

  it.each(
    [
      [
        "scope and reset",
        { scope: "member", resets_at: "2026-10-12T00:00:00Z" },
        " (member); it resets at 2026-10-12T00:00:00Z"
      ],
      ["budget_scope, the other spelling", { budget_scope: "workspace" }, " (workspace)"],
      ["scope wins over budget_scope", { scope: "member", budget_scope: "workspace" }, " (member)"],
      ["a reset alone", { resets_at: "2026-11-01T00:00:00Z" }, "; it resets at 2026-11-01T00:00:00Z"],
      ["values that are not text, left out", { scope: 7, resets_at: 1_760_000_000 }, ""],
      [
        "a long scope and reset, cut",
        { scope: "s".repeat(150), resets_at: "r".repeat(60) },
        ` (${"s".repeat(100)}); it resets at ${"r".repeat(40)}`
      ]
    ] as const
  )("%s", (_, metadata, facts) => {
    expect(refused("Budget exceeded", metadata)).toContain(
      `A budget layer or the key's limit is spent${facts}${advice}`
    )
  })

  it("no metadata: the layer unnamed; a body that speaks of a limit counts as a budget refusal", () => {
    expect(refused("Budget exceeded")).toContain(`A budget layer or the key's limit is spent${advice}`)
    expect(refused("", undefined, "guardrail: limit reached")).toContain(`spent${advice}`)
    expect(refused("Not allowed")).toContain("The key is valid but lacks permission for this operation.")
  })
})

describe("a refused input says whether the API call or the SDK's function refused it", () => {
  it.each(
    [
      ["createKey", "createKey was not sent: \"name\" must be a name."],
      ["SpendGuard.make", "SpendGuard.make refused its input: \"name\" must be a name."]
    ] as const
  )("%s", (operation, says) => {
    expect(new Errors.RequestValidationError({ operation, field: "name", expected: "a name" }).message).toBe(says)
  })
})

describe("InsufficientCreditsError on a budget names it and its reset", () => {
  it.each(
    [
      [
        { scope: "member", resetsAt: "2026-10-12T00:00:00.000Z" },
        "Refused: $3 left of the member budget (GET /key), less than the $5 this work requires. It resets at 2026-10-12T00:00:00.000Z. Raise the budget in the workspace's settings, or lower the requirement."
      ],
      [
        { scope: "key_limit" },
        "Refused: $3 left of the key's spending limit (GET /key), less than the $5 this work requires. Raise the key's limit at https://openrouter.ai/settings/keys, or lower the requirement."
      ]
    ] as const
  )("%j", (layer, says) => {
    expect(new Errors.InsufficientCreditsError({ remaining: 3, required: 5, source: "key", ...layer }).message).toBe(
      says
    )
  })
})

describe("a ConnectionError points to the origin in use, never the path or query", () => {
  it.each(
    [
      ["https://user.example:8443/api/v1/credits?x=1#f", "(https://user.example:8443)"],
      ["http+unix://socket/api", "(http+unix://socket)"],
      ["not a url", "(not a url)"]
    ] as const
  )("%s", (url, shown) => {
    const error = new Errors.ConnectionError({ ...at, url, reason: "Transport", detail: "reset" })
    expect(error.message.endsWith(`Check the network and the base URL in use ${shown}.`)).toBe(true)
    const redirected = new Errors.ConnectionError({ ...at, url, reason: "Redirected", detail: "a 301" })
    expect(redirected.message).toContain(`check the base URL ${shown}`)
  })
})
