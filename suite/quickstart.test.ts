import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import {} from "../support/seam.js"

const run = promisify(execFile)
const root = fileURLToPath(new URL("../../", import.meta.url))

describe("npm start (examples/quickstart.ts)", () => {
  it("runs without an API key against the embedded emulator and shows every feature", async () => {
    const env = { ...process.env }
    delete env["OPENROUTER_API_KEY"]
    const { stdout: output } = await run(process.execPath, [
      "--conditions=@openrouter-effect/source",
      "--import",
      "tsx",
      "examples/quickstart.ts"
    ], { cwd: root, env, encoding: "utf8", timeout: 120_000 })
    expect(output).toMatch(
      /No OPENROUTER_API_KEY set: running against the embedded OpenRouter emulator at http:\/\/127\.0\.0\.1:\d+/
    )
    expect(output).toContain("Balance:    $100.50 bought, $25.75 used, $74.75 remaining")
    expect(output).toMatch(/Charge: +\S+ on chain 8453/)
    expect(output).toContain("429 with Retry-After: 1; retried after 1s, 2 requests in all")
    expect(output).toContain("an ordinary key on /credits was refused")
    expect(output).toContain("management key")
    expect(output).toContain("Key:        sk-or-v1-em...ary, an ordinary key, $74.50 of $100.00 left")
    const watch = output.split("\n").filter((line) => /^ {12}(ALERT|recovered)/.test(line))
    expect(watch).toEqual([
      "            ALERT:      only $15.00 left, below $20.00",
      "            recovered:  $45.00 left, back above $40.00"
    ])
    expect(output).toContain("Guard:      Refused: $0.4 left of the key's spending limit (GET /key)")
  }, 150_000)
})
