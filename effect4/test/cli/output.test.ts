import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock, TestConsole } from "effect/testing"
import * as Net from "node:net"
import { OpenRouterTest } from "openrouter-effect/testing"
import * as Out from "../../src/internal/cli/outputs.js"
import { decodeJson, linesOf, runCli } from "./support.js"

// What each command prints for a person, line by line, in the cases that change a line: a user reads these.

const WEDNESDAY = Date.UTC(2026, 9, 7, 15)
const ordinary = { apiKey: OpenRouterTest.ordinaryKey }
const withBudgets = OpenRouterTest.make({
  budgets: [{ scope: "member", limit: 20, reset: "weekly" }, { scope: "workspace", limit: 50 }]
})

/** The emulator's own answer to `GET path` with `key`, parsed: a body to change and script back. */
const answerOf = (emulator: OpenRouterTest.EmulatorService, path: string, key: string) =>
  Effect.map(
    emulator.handle({ method: "GET", path, headers: { authorization: `Bearer ${key}` }, body: "" }),
    (answer) => JSON.parse(answer._tag === "Reply" ? answer.body : "{}")
  )

describe("status", () => {
  it.effect("a management key: the binding budget, what it spent, the account", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const ran = yield* runCli(yield* withBudgets, ["status"])
      expect(ran.out.split("\n")).toEqual([
        "Spendable now  $20.00  (the member budget of $20.00, resets 2026-10-12 00:00 UTC)",
        "Key            sk-or-v1-em...ent (management key)",
        "Spent          today $0.00, this week $0.00, this month $0.00",
        "Free models    0 of 1000 requests today",
        "Account        $74.75 left"
      ])
    }))

  it.effect("an ordinary key: its own limit, no account line; a management key without budgets: the balance", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make()
      expect((yield* runCli(emulator, ["status"], ordinary)).out.split("\n")).toEqual([
        "Spendable now  $74.50  (the key's own limit of $100.00, resets 2026-11-01 00:00 UTC)",
        "Key            sk-or-v1-em...ary (ordinary key)",
        "Spent          today $2.55, this week $8.50, this month $25.50",
        "Free models    0 of 1000 requests today"
      ])
      expect((yield* runCli(emulator, ["status"])).out.split("\n")[0]).toBe(
        "Spendable now  $74.75  (the account's balance, resets never)"
      )
    }))

  it.effect("a key nothing bounds says so, in text and in JSON", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make({ keyLimit: { limit: null, usage: 3 } })
      const ran = yield* runCli(emulator, ["status"], ordinary)
      expect(ran.out.split("\n")[0]).toBe("Spendable now  no limit: nothing bounds this key")
      const json = decodeJson(Out.Status, (yield* runCli(emulator, ["status", "--json"], ordinary)).out)
      expect(json.spendable).toEqual({ remaining: null, layer: "unbounded", scope: null, limit: null, resetsAt: null })
      expect(json.account).toBeNull()
    }))
})

describe("balance and key", () => {
  it.effect("balance: what is left of what was bought", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(yield* OpenRouterTest.make(), ["balance"])
      expect(ran.out).toBe("Account  $74.75 left of $100.50 bought ($25.75 used)")
    }))

  it.effect("key: its limit and its reset, then a row per budget with its reset", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const ran = yield* runCli(yield* withBudgets, ["key"], ordinary)
      expect(ran.out.split("\n")).toEqual([
        "Key      sk-or-v1-em...ary (ordinary key)",
        "Limit    $74.50 left of $100.00, resets monthly",
        "Budget   member     $20.00 left of $20.00   resets 2026-10-12 00:00 UTC",
        "Budget   workspace  $50.00 left of $50.00   resets never",
        "Budget   key_limit  $74.50 left of $100.00  resets 2026-11-01 00:00 UTC"
      ])
    }))

  it.effect("key: no limit, and no budget rows when there are none", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make({ keyLimit: { limit: null, usage: 3 } })
      const ran = yield* runCli(emulator, ["key"], ordinary)
      expect(ran.out.split("\n")).toEqual(["Key      sk-or-v1-em...ary (ordinary key)", "Limit    none"])
      const json = decodeJson(Out.Key, (yield* runCli(emulator, ["key", "--json"], ordinary)).out)
      expect(json).toMatchObject({ limit: null, limitReset: null, budgets: [], expiresAt: null })
    }))

  it.effect("key on an older /key without budgets: no budget rows, none in JSON", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const body = yield* answerOf(emulator, "/api/v1/key", OpenRouterTest.ordinaryKey)
      delete body.data.budgets
      yield* emulator.script("GET /key", OpenRouterTest.reply(200, body), OpenRouterTest.reply(200, body))
      expect((yield* runCli(emulator, ["key"], ordinary)).out.split("\n")).toEqual([
        "Key      sk-or-v1-em...ary (ordinary key)",
        "Limit    $74.50 left of $100.00, resets monthly"
      ])
      expect(decodeJson(Out.Key, (yield* runCli(emulator, ["key", "--json"], ordinary)).out).budgets).toEqual([])
    }))

  it.effect("key --json: each budget with its reset as an ISO time, a lifetime one with null", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const ran = yield* runCli(yield* withBudgets, ["key", "--json"], ordinary)
      expect(decodeJson(Out.Key, ran.out).budgets.slice(0, 2)).toEqual([
        {
          scope: "member",
          limit: 20,
          spent: 0,
          remaining: 20,
          resetInterval: "weekly",
          resetsAt: "2026-10-12T00:00:00.000Z"
        },
        { scope: "workspace", limit: 50, spent: 0, remaining: 50, resetInterval: null, resetsAt: null }
      ])
    }))
})

describe("keys", () => {
  it.effect("create, list as a table, disable (hidden from the list unless asked), enable, remove", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const created = yield* runCli(emulator, ["keys", "create", "--name", "user 42", "--limit", "5"])
      const [said, secret] = created.out.split("\n")
      expect(said).toMatch(/^Created "user 42" \(hash [0-9a-f]{64}\)\. The key, shown this once:$/)
      expect(secret).toMatch(/^sk-or-v1-/)
      const hash = /hash ([0-9a-f]{64})/.exec(said!)![1]!
      const table = yield* runCli(emulator, ["keys", "list"])
      expect(table.out.split("\n")).toEqual([
        "HASH          NAME            THIS MONTH  LIMIT              STATE",
        "23aeca407124  Management key  $0.00       none               active",
        "c390aed3e30a  Emulated key    $25.50      $74.50 of $100.00  active",
        `${hash.slice(0, 12)}  user 42         $0.00       $5.00 of $5.00     active`
      ])
      const disabled = yield* runCli(emulator, ["keys", "update", hash, "--disable", "--name", "gone"])
      expect(disabled.out).toBe("Updated \"gone\" (disabled)")
      expect((yield* runCli(emulator, ["keys", "list"])).out).not.toContain("gone")
      expect((yield* runCli(emulator, ["keys", "list", "--include-disabled"])).out.split("\n")[3]).toBe(
        `${hash.slice(0, 12)}  gone            $0.00       $5.00 of $5.00     disabled`
      )
      const enabled = yield* runCli(emulator, ["keys", "update", hash, "--enable", "--json"])
      expect(decodeJson(Out.UpdatedKey, enabled.out)).toMatchObject({
        schemaVersion: 1,
        updated: { hash, name: "gone", disabled: false, limit: 5 }
      })
      const patches = emulator.requests.filter((request) => request.method === "PATCH").map((r) => r.body)
      expect(patches).toEqual([{ name: "gone", disabled: true }, { disabled: false }])
      expect((yield* runCli(emulator, ["keys", "remove", hash])).out).toBe(`Removed ${hash}`)
    }))

  it.effect("--disable with --enable is bad usage, said, with nothing sent", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const ran = yield* runCli(emulator, ["keys", "update", "abc", "--disable", "--enable"])
      expect([ran.code, ran.err]).toEqual([64, "keys update: --disable and --enable together make no sense"])
      expect(emulator.requests).toHaveLength(0)
    }))

  it.effect("list --include-expired shows a key past its expiry", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make()
      yield* runCli(emulator, ["keys", "create", "--name", "brief", "--expires", "2026-10-08T00:00:00Z"])
      yield* TestClock.adjust("1 day")
      expect((yield* runCli(emulator, ["keys", "list"])).out).not.toContain("brief")
      expect((yield* runCli(emulator, ["keys", "list", "--include-expired"])).out).toContain("brief")
    }))
})

describe("activity", () => {
  it.effect("text names the top 5 models and providers, JSON the top 10", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.UTC(2026, 9, 5, 12))
      const emulator = yield* OpenRouterTest.make()
      for (let i = 1; i <= 12; i++) {
        yield* emulator.spend(OpenRouterTest.managementKey, i, { model: `vendor/model-${i}`, provider: `P${i}` })
      }
      yield* TestClock.adjust("1 day")
      const ran = yield* runCli(emulator, ["activity"])
      const lines = ran.out.split("\n")
      expect(lines.slice(0, 2)).toEqual([
        "Spend per day, last 30 completed UTC days: $78.00, 12 requests",
        `2026-10-05  ${"█".repeat(40)}  $78.00`
      ])
      expect(lines.slice(2, 4)).toEqual(["", "Top models"])
      const models = lines.slice(lines.indexOf("Top models") + 1, lines.indexOf("Top models") + 7)
      expect(models).toEqual([
        "vendor/model-12  $12.00  1 request",
        "vendor/model-11  $11.00  1 request",
        "vendor/model-10  $10.00  1 request",
        "vendor/model-9   $9.00   1 request",
        "vendor/model-8   $8.00   1 request",
        ""
      ])
      expect(lines.slice(lines.indexOf("Top providers") + 1)).toEqual([
        "P12  $12.00  1 request",
        "P11  $11.00  1 request",
        "P10  $10.00  1 request",
        "P9   $9.00   1 request",
        "P8   $8.00   1 request"
      ])
      const json = decodeJson(Out.ActivityReport, (yield* runCli(emulator, ["activity", "--json"])).out)
      expect(json.models.map((m) => m.key)).toEqual(Array.from({ length: 10 }, (_, i) => `vendor/model-${12 - i}`))
      expect(json.providers.map((p) => p.usage)).toEqual(Array.from({ length: 10 }, (_, i) => 12 - i))
      expect(json.days).toEqual([{ key: "2026-10-05", usage: 78, requests: 12 }])
    }))

  it.effect("--date asks for one day", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      yield* runCli(emulator, ["activity", "--date", "2026-10-05"])
      expect(emulator.requests.map((request) => request.query)).toEqual(["date=2026-10-05"])
    }))
})

describe("generation", () => {
  it.effect("model, provider, cost with BYOK's upstream part, tokens", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const spent = yield* emulator.spend(OpenRouterTest.managementKey, 0.0125, {
        byok: 0.5,
        provider: "Anthropic",
        model: "anthropic/claude-sonnet-4",
        promptTokens: 10,
        completionTokens: 20
      })
      const id = spent.accepted ? spent.generationId : "gen-x"
      const ran = yield* runCli(emulator, ["generation", id])
      expect(ran.out.split("\n")).toEqual([
        `${id}  anthropic/claude-sonnet-4 via Anthropic`,
        "Cost     $0.5125 (BYOK, upstream $0.50)",
        "Tokens   10 in, 20 out"
      ])
    }))

  it.effect("no provider, a cache discount, tokens the API did not count", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const spent = yield* emulator.spend(OpenRouterTest.managementKey, 0.02)
      const id = spent.accepted ? spent.generationId : "gen-x"
      const body = yield* answerOf(emulator, `/api/v1/generation?id=${id}`, OpenRouterTest.managementKey)
      Object.assign(body.data, {
        provider_name: null,
        cache_discount: 0.005,
        tokens_prompt: null,
        tokens_completion: null
      })
      yield* emulator.script("GET /generation", OpenRouterTest.reply(200, body))
      const ran = yield* runCli(emulator, ["generation", id])
      expect(ran.out.split("\n")).toEqual([
        `${id}  openai/gpt-4.1`,
        "Cost     $0.02, cache discount $0.0050",
        "Tokens   - in, - out"
      ])
    }))
})

describe("guard", () => {
  it.effect("exactly the minimum left passes; a minimum of 0 is allowed", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const exact = yield* runCli(emulator, ["guard", "--min", "74.5"], ordinary)
      expect([exact.code, exact.out]).toEqual([0, "OK: $74.50 left (the key's own limit), at least $74.50"])
      expect((yield* runCli(emulator, ["guard", "--min", "0"], ordinary)).code).toBe(0)
    }))

  it.effect("below: how much is left, where, when it resets; --source account reads the balance", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make()
      const below = yield* runCli(emulator, ["guard", "--min", "74.51"], ordinary)
      expect([below.code, below.out]).toEqual([
        1,
        "Below the minimum: $74.50 left (the key's own limit, resets 2026-11-01 00:00 UTC), less than $74.51"
      ])
      const account = yield* runCli(emulator, ["guard", "--min", "80", "--source", "account"])
      expect([account.code, account.out]).toEqual([
        1,
        "Below the minimum: $74.75 left (the account's balance, resets never), less than $80.00"
      ])
      expect(emulator.requests.at(-1)?.path).toBe("/api/v1/credits")
    }))

  it.effect("a negative minimum is bad usage, said", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(yield* OpenRouterTest.make(), ["guard", "--min", "-0.01"])
      expect([ran.code, ran.err]).toEqual([64, "guard: --min must be 0 or more US dollars"])
    }))
})

/** Runs `watch` with `args` until `drive` is done, then ends it; what it printed, a line each. */
const watched = (
  emulator: OpenRouterTest.EmulatorService,
  args: ReadonlyArray<string>,
  drive: Effect.Effect<void> = TestClock.adjust("1 minute")
) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(runCli(emulator, ["watch", "--every", "3600", ...args], ordinary))
    yield* TestClock.adjust("1 second")
    yield* drive
    yield* Fiber.interrupt(fiber)
    return (yield* TestConsole.logLines).map(String)
  })

describe("watch, as text", () => {
  it.effect("a line per event: first reading, change, LOW with its budget, unavailable, recovered", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make({ budgets: [{ scope: "member", limit: 10, reset: "weekly" }] })
      const lines = yield* watched(
        emulator,
        ["--low", "20%", "--recover", "50%"],
        Effect.gen(function*() {
          yield* emulator.spend(OpenRouterTest.ordinaryKey, 9)
          yield* TestClock.adjust("1 hour")
          yield* emulator.script("GET /key", OpenRouterTest.status(503))
          yield* TestClock.adjust("1 hour")
          yield* TestClock.adjust(4 * 86_400_000 + 8 * 3_600_000)
        })
      )
      expect(lines).toEqual([
        "2026-10-07 15:00:00  $10.00 left",
        "2026-10-07 16:00:00  $10.00 -> $1.00",
        "2026-10-07 16:00:00  LOW: $1.00 left, below $2.00 (the member budget, resets 2026-10-12 00:00 UTC)",
        "2026-10-07 17:00:00  unavailable: OpenRouter answered GET /api/v1/key with unexpected status 503 " +
        "(application/json): Emulated 503",
        "2026-10-12 00:00:00  $1.00 -> $10.00",
        "2026-10-12 00:00:00  recovered: $10.00 left, at or above $5.00"
      ])
    }))

  it.effect("LOW on a lifetime budget says it never resets", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make({ budgets: [{ scope: "member", limit: 10 }] })
      const lines = yield* watched(emulator, ["--low", "$20"])
      expect(lines).toEqual([
        "2026-10-07 15:00:00  $10.00 left",
        "2026-10-07 15:00:00  LOW: $10.00 left, below $20.00 (the member budget, resets never)"
      ])
    }))

  it.effect("--json: an unavailable reading is an event with the error's message", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make()
      yield* emulator.script("GET /key", OpenRouterTest.status(503))
      const [line] = yield* watched(emulator, ["--json"])
      expect(decodeJson(Out.WatchEvent, line!)).toEqual({
        schemaVersion: 1,
        event: "unavailable",
        at: "2026-10-07T15:00:00.000Z",
        remaining: null,
        previous: null,
        threshold: null,
        scope: null,
        resetsAt: null,
        error: "OpenRouter answered GET /api/v1/key with unexpected status 503 (application/json): Emulated 503"
      })
    }))

  it.effect("--every 1 polls each second", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const fiber = yield* Effect.forkChild(runCli(emulator, ["watch", "--every", "1"], ordinary))
      yield* TestClock.adjust("3 seconds")
      yield* Fiber.interrupt(fiber)
      expect(emulator.requests).toHaveLength(4)
    }))
})

describe("watch thresholds: dollars or a share of the binding limit", () => {
  it.effect.each(
    [
      ["80", 80],
      ["$75.25", 75.25],
      ["80.25%", 80.25],
      [" 80% ", 80],
      ["100%", 100]
    ] as const
  )("--low %j alerts below %d dollars of a 100 dollar limit", ([low, dollars]) =>
    Effect.gen(function*() {
      const lines = yield* watched(yield* OpenRouterTest.make(), ["--json", "--low", low])
      const events = lines.map((line) => decodeJson(Out.WatchEvent, line))
      expect(events.map((e) => [e.event, e.threshold])).toEqual([["first-reading", null], ["low", dollars]])
    }))

  it.effect("--recover takes the same forms", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* OpenRouterTest.make()
      const lines = yield* watched(
        emulator,
        ["--json", "--low", "$80", "--recover", " 90.5 "],
        Effect.asVoid(emulator.setKeyLimit({ limit: 100, usage: 5 }).pipe(Effect.andThen(TestClock.adjust("1 hour"))))
      )
      expect(lines.map((line) => decodeJson(Out.WatchEvent, line)).map((e) => [e.event, e.threshold])).toEqual([
        ["first-reading", null],
        ["low", 80],
        ["changed", null],
        ["recovered", 90.5]
      ])
    }))

  it.effect.each(
    [
      ["--low", "x80"],
      ["--low", "80x"],
      ["--low", "x10%"],
      ["--low", "10%x"],
      ["--low", "10.%"],
      ["--low", "%10"],
      ["--low", "$"],
      ["--recover", "lots"],
      ["--recover", "5$"]
    ] as const
  )("%s %j is bad usage, said, with nothing sent", ([flag, value]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const ran = yield* runCli(emulator, ["watch", flag, value])
      expect([ran.code, ran.err]).toEqual([64, `watch: ${flag} is dollars (5) or a share (10%)`])
      expect(emulator.requests).toHaveLength(0)
    }))

  it.effect.each(
    [
      [["--every", "0"], "watch: --every is 1 second or more"],
      [["--webhook", "ftp://example.com/hook"], "watch: --webhook is an http(s) URL"],
      [["--webhook", "see https://example.com/hook"], "watch: --webhook is an http(s) URL"],
      [["--webhook", "https://example.com/a hook"], "watch: --webhook is an http(s) URL"]
    ] as const
  )("%j is bad usage: %s", ([args, said]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const ran = yield* runCli(emulator, ["watch", ...args])
      expect([ran.code, ran.err]).toEqual([64, said])
      expect(emulator.requests).toHaveLength(0)
    }))
})

/** A loopback port nothing listens on now. */
const freePort = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = Net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as Net.AddressInfo
      server.close(() => resolve(port))
    })
  })
)

const creditsStatus = (url: string) =>
  Effect.promise(() =>
    fetch(`${url}/credits`, {
      headers: { authorization: `Bearer ${OpenRouterTest.managementKey}`, connection: "close" }
    }).then(
      (response) => response.status,
      () => "refused" as const
    )
  )

describe("emulator", () => {
  it.effect("serves on loopback until ended, and says how to point the bin at it", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(runCli(yield* OpenRouterTest.make(), ["emulator"]))
      const lines = yield* linesOf("log", 4)
      const url = /listens on (http:\/\/127\.0\.0\.1:\d+\/api\/v1) /.exec(lines[0] ?? "")?.[1] ?? "none"
      expect(lines).toEqual([
        `The OpenRouter emulator listens on ${url} (Ctrl-C ends it). Try:`,
        `  export OPENROUTER_BASE_URL=${url}`,
        `  export OPENROUTER_API_KEY=${OpenRouterTest.managementKey}   # or ${OpenRouterTest.ordinaryKey}`,
        "  openrouter-effect status"
      ])
      expect(yield* creditsStatus(url)).toBe(200)
      yield* Fiber.interrupt(fiber)
      expect(yield* creditsStatus(url)).toBe("refused")
    }))

  it.effect("--json --port: the URL on that port and the two keys", () =>
    Effect.gen(function*() {
      const port = yield* freePort
      const fiber = yield* Effect.forkChild(
        runCli(yield* OpenRouterTest.make(), ["emulator", "--json", "--port", `${port}`])
      )
      const lines = yield* linesOf("log", 1)
      expect(decodeJson(Out.EmulatorReport, lines[0] ?? "")).toEqual({
        schemaVersion: 1,
        baseUrl: `http://127.0.0.1:${port}/api/v1`,
        managementKey: OpenRouterTest.managementKey,
        ordinaryKey: OpenRouterTest.ordinaryKey
      })
      expect(yield* creditsStatus(`http://127.0.0.1:${port}/api/v1`)).toBe(200)
      yield* Fiber.interrupt(fiber)
    }))
})
