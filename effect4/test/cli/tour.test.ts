import * as NodeServices from "@effect/platform-node/NodeServices"
import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { TestClock, TestConsole } from "effect/testing"
import { tour } from "../../examples/cli-tour.js"

it.effect("npm start's CLI tour runs every command it shows, and only guard ends below zero", () =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.now())
    yield* tour.pipe(Effect.provide(NodeServices.layer))
    const printed = (yield* TestConsole.logLines).map(String).join("\n")
    for (const command of ["status", "guard --min 5", "balance", "activity", "keys list"]) {
      expect(printed).toContain(`$ openrouter-effect ${command}`)
    }
    expect(printed.match(/\(exit code \d+\)/g)).toEqual(["(exit code 1)"])
    expect(printed).toContain("Spendable now  $2.50  (the member budget of $10.00")
    expect(printed).toMatch(/Top models\nopenai\/gpt-4\.1 +\$4\.00/)
    expect(yield* TestConsole.errorLines).toEqual([])
  }))
