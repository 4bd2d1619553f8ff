import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Schedule } from "effect"
import { TestClock, TestConsole } from "effect/testing"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { OpenRouterTest } from "openrouter-effect/testing"
import * as Out from "../../src/internal/cli/outputs.js"
import { jsonSchemas } from "../../src/internal/cli/schemas.js"
import { problems } from "../support/seam.js"
import { decodeJson, linesOf, runCli, until } from "./support.js"

const WEDNESDAY = Date.UTC(2026, 9, 7, 15)
const emulated = (options: OpenRouterTest.Options = {}) => OpenRouterTest.make(options)
const printedLines = Effect.map(TestConsole.logLines, (lines) => lines.map(String))

describe("status (the default command)", () => {
  it.effect("says what the key can spend now, which layer binds and when it resets, and what it spent", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* emulated({ budgets: [{ scope: "member", limit: 20, reset: "weekly" }] })
      const ran = yield* runCli(emulator, [], { apiKey: OpenRouterTest.ordinaryKey })
      expect(ran.code).toBe(0)
      expect(ran.out).toContain("Spendable now  $20.00  (the member budget of $20.00, resets 2026-10-12 00:00 UTC)")
      expect(ran.out).toContain("Spent          today $2.55, this week $8.50, this month $25.50")
      expect(ran.out).toContain("Free models    0 of 1000 requests today")
      expect(ran.out).not.toContain("Account")
      expect(ran.out).not.toContain("\x1b[")
    }))

  it.effect("--json follows its schema, with schemaVersion; a management key sees the account too", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const ran = yield* runCli(emulator, ["status", "--json"])
      expect(ran.code).toBe(0)
      const status = decodeJson(Out.Status, ran.out)
      expect(status).toMatchObject({
        schemaVersion: 1,
        spendable: { remaining: 74.75, layer: "account" },
        account: { remaining: 74.75 },
        key: { management: true }
      })
    }))

  it.effect("colour only when asked (a terminal, FORCE_COLOR)", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const ran = yield* runCli(emulator, ["status"], { colour: true })
      expect(ran.out).toContain("\x1b[1m$74.75\x1b[22m")
    }))
})

describe("exit codes", () => {
  it.effect("77: the key is refused (an ordinary key on balance), said on stderr in the SDK's words", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(yield* emulated(), ["balance"], { apiKey: OpenRouterTest.ordinaryKey })
      expect(ran.code).toBe(77)
      expect(ran.out).toBe("")
      expect(ran.err).toContain("GET /credits needs a management key")
    }))

  it.effect("77: an unknown key", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(yield* emulated(), ["status"], { apiKey: "sk-or-v1-unknown-key-0000" })
      expect(ran.code).toBe(77)
      expect(ran.err).toContain("401")
    }))

  it.effect("69: OpenRouter unavailable after retries", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      yield* emulator.script("GET /credits", ...Array<OpenRouterTest.Step>(3).fill(OpenRouterTest.status(503)))
      const fiber = yield* Effect.forkChild(runCli(emulator, ["balance"], { retry: Schedule.recurs(2) }))
      yield* TestClock.adjust("1 minute")
      const ran = yield* Fiber.join(fiber)
      expect(ran.code).toBe(69)
      expect(emulator.requests).toHaveLength(3)
    }))

  it.effect.each(
    [
      [["guard"], "a missing --min"],
      [["guard", "--min", "-1"], "a negative minimum"],
      [["bogus"], "an unknown command"],
      [["status", "--nope"], "an unknown flag"],
      [["watch", "--low", "lots"], "a threshold that is neither dollars nor a share"],
      [["keys", "update", "abc"], "an empty change, refused by the SDK before sending"],
      [["generation", "chatcmpl-1"], "an id the API would refuse"]
    ] as const
  )("64: %j (%s), with nothing sent", ([args]) =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const ran = yield* runCli(emulator, args)
      expect(ran.code).toBe(64)
      expect(emulator.requests).toHaveLength(0)
    }))
})

describe("guard --min", () => {
  it.effect("0 when enough is left, 1 below, with the binding layer and its reset", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* emulated({ budgets: [{ scope: "member", limit: 10, reset: "weekly" }] })
      const ok = yield* runCli(emulator, ["guard", "--min", "5"], { apiKey: OpenRouterTest.ordinaryKey })
      expect([ok.code, ok.out]).toEqual([0, "OK: $10.00 left (the member budget), at least $5.00"])
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 8)
      const below = yield* runCli(emulator, ["guard", "--min", "5", "--json"], { apiKey: OpenRouterTest.ordinaryKey })
      expect(below.code).toBe(1)
      expect(decodeJson(Out.GuardReport, below.out)).toMatchObject({
        ok: false,
        minimum: 5,
        spendable: { remaining: 2, scope: "member", resetsAt: "2026-10-12T00:00:00.000Z" }
      })
    }))
})

describe("guard on a key that nothing it may read bounds", () => {
  it.effect("77, as a SpendGuard fails: it never passes unguarded", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated({ keyLimit: { limit: null, usage: 0 } })
      const ran = yield* runCli(emulator, ["guard", "--min", "1"], { apiKey: OpenRouterTest.ordinaryKey })
      expect(ran.code).toBe(77)
      expect(ran.err).toContain("spending limit")
    }))
})

describe("keys (management key)", () => {
  it.effect("create prints the key once; list, update and remove follow", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const created = yield* runCli(emulator, [
        "keys",
        "create",
        "--name",
        "user 42",
        "--limit",
        "5",
        "--reset",
        "weekly",
        "--json"
      ])
      expect(created.code).toBe(0)
      const { created: key, key: secret } = decodeJson(Out.CreatedKey, created.out)
      expect(secret).toMatch(/^sk-or-v1-/)
      expect(key).toMatchObject({ name: "user 42", limit: 5, limitReset: "weekly" })
      const listed = yield* runCli(emulator, ["keys", "list"])
      expect(listed.out).toContain("user 42")
      expect(listed.out).not.toContain(secret)
      const updated = yield* runCli(emulator, ["keys", "update", key.hash, "--disable"])
      expect([updated.code, updated.out]).toEqual([0, "Updated \"user 42\" (disabled)"])
      const removed = yield* runCli(emulator, ["keys", "remove", key.hash, "--json"])
      expect(decodeJson(Out.RemovedKey, removed.out)).toEqual({ schemaVersion: 1, removed: key.hash })
      const again = yield* runCli(emulator, ["keys", "remove", key.hash])
      expect(again.code).toBe(1)
      expect(again.err).toContain("404")
    }))
})

describe("activity, generation, key, balance, emulator", () => {
  it.effect("activity draws a bar per day and names the top models and providers", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      yield* TestClock.setTime(Date.UTC(2026, 9, 5, 12))
      yield* emulator.spend(OpenRouterTest.managementKey, 4, { model: "openai/gpt-4.1", provider: "OpenAI" })
      yield* TestClock.adjust("1 day")
      yield* emulator.spend(OpenRouterTest.managementKey, 1, {
        model: "anthropic/claude-sonnet-4",
        provider: "Anthropic"
      })
      yield* TestClock.adjust("1 day")
      const ran = yield* runCli(emulator, ["activity"])
      expect(ran.code).toBe(0)
      const lines = ran.out.split("\n")
      expect(lines[0]).toBe("Spend per day, last 30 completed UTC days: $5.00, 2 requests")
      expect(lines[1]).toBe(`2026-10-05  ${"█".repeat(40)}  $4.00`)
      expect(lines[2]).toBe(`2026-10-06  ${"█".repeat(10)}${" ".repeat(30)}  $1.00`)
      expect(ran.out).toContain("Top models\nopenai/gpt-4.1             $4.00  1 request")
      expect(decodeJson(Out.ActivityReport, (yield* runCli(emulator, ["activity", "--json"])).out).total).toBe(5)
    }))

  it.effect("generation says what it cost", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const spent = yield* emulator.spend(OpenRouterTest.ordinaryKey, 0.0125)
      const id = spent.accepted ? spent.generationId : "gen-x"
      const ran = yield* runCli(emulator, ["generation", id, "--json"], { apiKey: OpenRouterTest.ordinaryKey })
      expect(decodeJson(Out.GenerationReport, ran.out)).toMatchObject({ id, totalCost: 0.0125, byok: false })
    }))

  it.effect("key and balance print their JSON by their schemas", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      const key = yield* runCli(emulator, ["key", "--json"], { apiKey: OpenRouterTest.ordinaryKey })
      expect(decodeJson(Out.Key, key.out)).toMatchObject({ limit: 100, limitRemaining: 74.5, management: false })
      const balance = yield* runCli(emulator, ["balance", "--json"])
      expect(decodeJson(Out.Balance, balance.out)).toEqual({
        schemaVersion: 1,
        totalCredits: 100.5,
        totalUsage: 25.75,
        remaining: 74.75
      })
    }))

  it.effect("--help shows the commands and the examples", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(yield* emulated(), ["--help"])
      expect(ran.code).toBe(0)
      expect(ran.out).toContain("guard")
      expect(ran.out).toContain("openrouter-effect guard --min 5")
      expect(ran.out).toContain("OPENROUTER_API_KEY only (never a flag)")
    }))
})

describe("watch", () => {
  it.effect("one line per event: first reading, change, low (with the layer), recovered", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(WEDNESDAY)
      const emulator = yield* emulated({ budgets: [{ scope: "member", limit: 10, reset: "weekly" }] })
      const fiber = yield* Effect.forkChild(
        runCli(emulator, ["watch", "--every", "3600", "--low", "20%", "--recover", "50%", "--json"], {
          apiKey: OpenRouterTest.ordinaryKey
        })
      )
      yield* TestClock.adjust("1 minute")
      yield* emulator.spend(OpenRouterTest.ordinaryKey, 9)
      yield* TestClock.adjust("1 hour")
      yield* TestClock.adjust(4 * 86_400_000 + 8 * 3_600_000)
      yield* Fiber.interrupt(fiber)
      const lines = (yield* printedLines).map((line) => decodeJson(Out.WatchEvent, line))
      expect(lines.map((line) => line.event)).toEqual(["first-reading", "changed", "low", "changed", "recovered"])
      expect(lines[2]).toMatchObject({
        remaining: 1,
        threshold: 2,
        scope: "member",
        resetsAt: "2026-10-12T00:00:00.000Z"
      })
    }))
})

/** A loopback server that hands each request's whole body, as text, to `handle`. */
const webhookServer = (
  handle: (request: Http.IncomingMessage, text: string, response: Http.ServerResponse) => void
) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      new Promise<Http.Server>((resolve) => {
        const server = Http.createServer((request, response) => {
          let text = ""
          request.on("data", (chunk) => text += String(chunk))
          request.on("end", () => handle(request, text, response))
        })
        server.listen(0, "127.0.0.1", () => resolve(server))
      })
    ),
    (server) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
  ).pipe(Effect.map((server) => ({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })))

/**
 * `watch --every 1 --low 80 --webhook` with an ordinary key ($74.50 left: LOW at the first reading), posting to a
 * loopback webhook that answers call n with `answer(n)`. It runs on the live clock: the webhook's backoff and time
 * limit then wait for real, where a test clock moved while a request is still on the wire would skip them.
 */
const watchingWithWebhook = (answer: (call: number) => number) =>
  Effect.gen(function*() {
    const posts: Array<{ readonly json: { readonly event: string }; readonly authorization: string | null }> = []
    const hook = yield* webhookServer((request, text, response) => {
      posts.push({ json: JSON.parse(text), authorization: request.headers.authorization ?? null })
      response.writeHead(answer(posts.length))
      response.end()
    })
    const emulator = yield* emulated()
    const args = ["watch", "--every", "1", "--low", "80", "--webhook", `${hook.origin}/hook`]
    const fiber = yield* Effect.forkChild(
      TestClock.withLive(runCli(emulator, args, { apiKey: OpenRouterTest.ordinaryKey }))
    )
    return { posts, origin: hook.origin, emulator, fiber }
  })

describe("watch --webhook", () => {
  it.effect("posts each alert as JSON, never the key, and goes on when the webhook fails", () =>
    Effect.gen(function*() {
      const { emulator, fiber, posts } = yield* watchingWithWebhook((call) => call === 1 ? 503 : 204)
      yield* until(() => posts.length >= 2)
      const polled = emulator.requests.length
      yield* until(() => emulator.requests.length > polled)
      yield* Fiber.interrupt(fiber)
      expect(posts).toHaveLength(2)
      expect(posts[1]).toMatchObject({
        json: { schemaVersion: 1, event: "low", remaining: 74.5, threshold: 80 },
        authorization: null
      })
      expect(JSON.stringify(posts)).not.toContain(OpenRouterTest.ordinaryKey)
    }))

  it.effect.each([[200], [299]] as const)(
    "an answer %i is delivered: one attempt, then the next alert (low, unavailable, recovered: no other event)",
    ([status]) =>
      Effect.gen(function*() {
        const { emulator, fiber, posts } = yield* watchingWithWebhook(() => status)
        yield* until(() => posts.length >= 1)
        yield* emulator.script("GET /key", OpenRouterTest.status(503))
        yield* until(() => posts.length >= 2)
        yield* emulator.setKeyLimit({ limit: 100, usage: 0 })
        yield* until(() => posts.length >= 3)
        yield* Fiber.interrupt(fiber)
        expect(posts.map((post) => post.json.event)).toEqual(["low", "unavailable", "recovered"])
        expect(yield* TestConsole.errorLines).toEqual([])
      })
  )

  it.effect.each([[300], [404], [500]] as const)(
    "an answer %i is retried 3 times, then said",
    ([status]) =>
      Effect.gen(function*() {
        const { fiber, origin, posts } = yield* watchingWithWebhook(() => status)
        const said = yield* linesOf("error", 1)
        yield* Fiber.interrupt(fiber)
        expect(posts.map((post) => post.json.event)).toEqual(["low", "low", "low", "low"])
        expect(said).toEqual([`webhook ${origin}: not delivered (the webhook answered ${status})`])
      })
  )
})

describe("the JSON Schemas shipped in dist/schemas/", () => {
  const documents = jsonSchemas()
  const noRefs = { paths: {}, components: { schemas: {} } }

  it("one per command, each requiring schemaVersion 1", () => {
    expect(Object.keys(documents).sort()).toEqual(Object.keys(Out.outputs).sort())
    for (const document of Object.values(documents)) {
      expect(document).toMatchObject({ required: expect.arrayContaining(["schemaVersion"]) })
    }
  })

  it.effect("what the commands print passes them, and a stray output does not", () =>
    Effect.gen(function*() {
      const emulator = yield* emulated()
      for (
        const [command, args] of [
          ["status", ["status", "--json"]],
          ["balance", ["balance", "--json"]],
          ["key", ["key", "--json"]],
          ["keys-list", ["keys", "list", "--json"]],
          ["guard", ["guard", "--min", "1", "--json"]],
          ["activity", ["activity", "--json"]]
        ] as const
      ) {
        const ran = yield* runCli(emulator, args)
        expect(problems(noRefs, documents[command] as never, JSON.parse(ran.out)), command).toEqual([])
      }
      expect(problems(noRefs, documents["status"] as never, { schemaVersion: 1 })).not.toEqual([])
    }))
})
