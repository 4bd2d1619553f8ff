import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock, TestConsole } from "effect/testing"
import { readFileSync } from "node:fs"
import { OpenRouterTest } from "openrouter-effect/testing"
import { cliReference, commandsOf, referencePath } from "../../scripts/cli-docs.js"
import * as Out from "../../src/internal/cli/outputs.js"
import { decodeJson, runCli } from "./support.js"

// docs/cli.md is the bin's --help, command by command: what a user reads before running it must be what it does.

describe("docs/cli.md", () => {
  it.effect("is what every command's --help says now (else: npm run docs:cli)", () =>
    Effect.gen(function*() {
      const page = readFileSync(referencePath, "utf8")
      expect(page, "docs/cli.md is stale: run npm run docs:cli").toBe(yield* cliReference)
    }))

  it.effect("has a section per command of the tree, nested ones included", () =>
    Effect.map(cliReference, (page) => {
      const titles = [...page.matchAll(/^## `(openrouter-effect[^`]*)`$/gm)].map((m) => m[1])
      expect(titles).toEqual([
        "openrouter-effect",
        "openrouter-effect status",
        "openrouter-effect balance",
        "openrouter-effect key",
        "openrouter-effect keys",
        "openrouter-effect keys list",
        "openrouter-effect keys create",
        "openrouter-effect keys update",
        "openrouter-effect keys remove",
        "openrouter-effect activity",
        "openrouter-effect generation",
        "openrouter-effect watch",
        "openrouter-effect guard",
        "openrouter-effect emulator"
      ])
      expect(page).not.toContain("GLOBAL FLAGS")
      expect(page.match(/--log-level/g)).toHaveLength(1)
    }))
})

/** An example's words after the bin's name, quotes honoured, a trailing `|| …` dropped. */
const wordsOf = (example: string) =>
  [...example.split(" || ")[0]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1)

describe("the examples --help shows", () => {
  // Read while a test runs, not when this file loads: mutation testing changes the texts between tests.
  const examplesShown = () => commandsOf().flatMap(({ command }) => command.examples.map((example) => example.command))

  it("are commands of this bin or the one export that sets the key", () => {
    const examples = examplesShown()
    expect(examples.length).toBeGreaterThanOrEqual(14)
    for (const example of examples) expect(example).toMatch(/^(openrouter-effect( |$)|export OPENROUTER_API_KEY=)/)
  })

  it.effect("each runs against the emulator as shown (a key's hash put in for <hash>), none of them bad usage", () =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.make()
      const created = yield* runCli(emulator, ["keys", "create", "--name", "example", "--json"])
      const hash = decodeJson(Out.CreatedKey, created.out).created.hash
      for (const example of examplesShown().filter((e) => e.startsWith("openrouter-effect"))) {
        const args = wordsOf(example).map((word) => word === "<hash>" ? hash : word)
        if (args[0] === "emulator") continue // serves on a fixed port; test/cli/output.test.ts runs it
        if (args[0] === "watch") {
          // It runs until ended: its first reading printed is enough.
          const printed = (yield* TestConsole.logLines).length
          const fiber = yield* Effect.forkChild(runCli(emulator, args))
          yield* TestClock.adjust("1 second")
          expect((yield* TestConsole.logLines).length, example).toBeGreaterThan(printed)
          yield* Fiber.interrupt(fiber)
        } else {
          expect([0, 1], example).toContain((yield* runCli(emulator, args)).code)
        }
      }
      expect(emulator.requests.length).toBeGreaterThan(10)
    }))
})
