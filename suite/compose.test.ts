import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { scoped } from "../support/seam.js"

// The README quick start in a child process, as a user runs it: no assertion on src/ that the in-process tests
// lack, so mutation testing leaves it out (vitest.mutate.config.ts).
const run = promisify(execFile)
const root = fileURLToPath(new URL("../../", import.meta.url))

describe("examples/compose.ts (the README quick start) runs as shown", () => {
  scoped("reads the balance and, when it runs low, creates a charge", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* OpenRouterEmulator.serve({ balance: { totalCredits: 10, totalUsage: 5 } })
      const { stdout } = yield* Effect.promise(() =>
        run(process.execPath, ["--conditions=@openrouter-effect/source", "--import", "tsx", "examples/compose.ts"], {
          cwd: root,
          timeout: 60_000,
          env: {
            ...process.env,
            OPENROUTER_API_KEY: OpenRouterTest.managementKey,
            OPENROUTER_BASE_URL: url,
            OPENROUTER_BEARER: OpenRouterTest.ordinaryKey
          }
        })
      )
      expect(stdout).toContain("Used 5 of 10 credits; 5 left")
      expect(stdout).toMatch(/Pay charge \S+ before \d{4}-/)
      expect(emulator.requests.map((r) => [r.route, r.key])).toEqual([
        ["GET /credits", "management"],
        ["POST /credits/coinbase", "ordinary"]
      ])
    }))

  it("without OPENROUTER_API_KEY: exits 1, saying that it is not set and where to get a key", async () => {
    const env: Record<string, string | undefined> = { ...process.env }
    delete env["OPENROUTER_API_KEY"]
    const failed = await run(
      process.execPath,
      ["--conditions=@openrouter-effect/source", "--import", "tsx", "examples/compose.ts"],
      { cwd: root, timeout: 60_000, env }
    ).then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error)
    expect(failed?.code).toBe(1)
    const printed = `${failed?.stdout}${failed?.stderr}`
    expect(printed).toContain("OPENROUTER_API_KEY is not set")
    expect(printed).toContain("https://openrouter.ai/settings/keys")
    expect(printed).not.toContain("[object Object]")
  })
})
