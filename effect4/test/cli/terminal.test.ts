import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { OpenRouterTest } from "openrouter-effect/testing"
import { BIN } from "../../scripts/bundle-bin.mjs"
import { servedForTheBin } from "./support.js"

// The bin in a real terminal: tmux runs it, the test types into it and reads the screen. CI installs tmux.

const SOCKET = `openrouter-effect-test-${process.pid}`
const tmux = (...args: ReadonlyArray<string>) => execFileSync("tmux", ["-L", SOCKET, ...args]).toString()

const served = servedForTheBin()

afterAll(() => {
  try {
    tmux("kill-server")
  } catch {
    // no session left
  }
})

/** Starts `args` of the bin in a new 100×20 terminal named `name`; the shell then prints the exit code. */
const start = (name: string, key: string, args: string) =>
  tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    "100",
    "-y",
    "20",
    "-e",
    `OPENROUTER_BASE_URL=${served.baseUrl}`,
    "-e",
    `OPENROUTER_API_KEY=${key}`,
    "-e",
    "NO_COLOR=",
    "-e",
    "TERM=xterm-256color",
    `'${process.execPath}' '${BIN}' ${args}; echo "EXIT=$?"; sleep 60`
  )

/** The screen of `name`, with its colours (`-e`) as escape sequences. */
const screen = (name: string) => tmux("capture-pane", "-p", "-e", "-t", name)

/** Waits until the screen of `name` shows `text` (at most 30 s: a busy machine is slow, never wrong). */
const until = async (name: string, text: string | RegExp): Promise<string> => {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const shown = screen(name)
    if (typeof text === "string" ? shown.includes(text) : text.test(shown)) return shown
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the screen never showed ${String(text)}:\n${screen(name)}`)
}

describe("in a real terminal", () => {
  it(
    "watch prints a line per reading, LOW in red when the key's limit runs low, and Ctrl-C ends it with 0",
    async () => {
      start("watch", OpenRouterTest.ordinaryKey, "watch --every 1 --low 50%")
      await until("watch", "$74.50 left")
      await Effect.runPromise(served.emulator.spend(OpenRouterTest.ordinaryKey, 30))
      const low = await until("watch", "LOW: $44.50 left, below $50.00")
      expect(low).toContain("\x1b[31m")
      tmux("send-keys", "-t", "watch", "C-c")
      await until("watch", "EXIT=0")
    },
    60_000
  )

  it("activity draws its chart, in colour, one bar per day", async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000)
    await Effect.runPromise(
      served.emulator.spend(OpenRouterTest.managementKey, 3, { model: "openai/gpt-4.1", at: day(2) })
    )
    await Effect.runPromise(
      served.emulator.spend(OpenRouterTest.managementKey, 1.5, { model: "meta/llama-4", at: day(1) })
    )
    start("activity", OpenRouterTest.managementKey, "activity")
    const shown = await until("activity", "EXIT=0")
    const plain = shown.replace(/\x1b\[[0-9;]*m/g, "")
    expect(plain).toContain(`${day(2).toISOString().slice(0, 10)}  ${"█".repeat(40)}  $3.00`)
    expect(plain).toContain(`${day(1).toISOString().slice(0, 10)}  ${"█".repeat(20)}${" ".repeat(20)}  $1.50`)
    expect(plain).toMatch(/Top models\s+openai\/gpt-4\.1\s+\$3\.00/)
    expect(shown).toContain("\x1b[32m█")
  }, 60_000)
})
