import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFile, execFileSync } from "node:child_process"
import { OpenRouterTest } from "openrouter-effect/testing"
import { BIN } from "../../scripts/bundle-bin.mjs"
import * as Out from "../../src/internal/cli/outputs.js"
import { decodeJson, servedForTheBin } from "./support.js"

// The bin as a user runs it: one bundled file, a real process, against the emulator served on loopback.

const served = servedForTheBin()

interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

const bin = (args: ReadonlyArray<string>, env: Record<string, string | undefined> = {}): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env["PATH"],
        OPENROUTER_BASE_URL: served.baseUrl,
        OPENROUTER_API_KEY: OpenRouterTest.managementKey,
        ...env
      },
      timeout: 60_000
    }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, out: stdout, err: stderr })
    })
  })

describe("the bundled bin, as a process", () => {
  it("is one file that starts with a shebang", () => {
    expect(execFileSync("head", ["-c", "19", BIN]).toString()).toBe("#!/usr/bin/env node")
  })

  it("status --json: exit 0 and JSON by its schema", async () => {
    const ran = await bin(["status", "--json"])
    expect(ran.code).toBe(0)
    expect(decodeJson(Out.Status, ran.out)).toMatchObject({ schemaVersion: 1, spendable: { layer: "account" } })
    expect(ran.err).toBe("")
  })

  it("guard: 0 with enough left, 1 below the minimum", async () => {
    expect((await bin(["guard", "--min", "1"], { OPENROUTER_API_KEY: OpenRouterTest.ordinaryKey })).code).toBe(0)
    const below = await bin(["guard", "--min", "1000"], { OPENROUTER_API_KEY: OpenRouterTest.ordinaryKey })
    expect(below.code).toBe(1)
    expect(below.out).toContain("Below the minimum")
  })

  it("77 for a key refused, with the SDK's message on stderr and nothing on stdout", async () => {
    const ran = await bin(["balance"], { OPENROUTER_API_KEY: OpenRouterTest.ordinaryKey })
    expect([ran.code, ran.out]).toEqual([77, ""])
    expect(ran.err).toContain("GET /credits needs a management key")
  })

  it("64 without a key, and for a command it does not know", async () => {
    const none = await bin(["status"], { OPENROUTER_API_KEY: undefined })
    expect(none.code).toBe(64)
    expect(none.err).toContain("OPENROUTER_API_KEY is not set")
    expect((await bin(["bogus"])).code).toBe(64)
  })

  it("69 when OpenRouter answers in a shape it does not document", async () => {
    await Effect.runPromise(served.emulator.script("GET /credits", OpenRouterTest.malformedJson()))
    const ran = await bin(["balance"])
    expect(ran.code).toBe(69)
    expect(ran.err).toContain("not the documented shape")
  })

  it("keys create prints the key once, on stdout only", async () => {
    const ran = await bin(["keys", "create", "--name", "ci"])
    expect(ran.code).toBe(0)
    const key = /sk-or-v1-emulator-created-[0-9a-f]{16}/.exec(ran.out)?.[0]
    expect(key).toBeDefined()
    expect(ran.out.split(key!)).toHaveLength(2)
    expect(ran.err).toBe("")
  })
})
