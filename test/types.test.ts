import { describe, expectTypeOf, it } from "@effect/vitest"
import { Schedule } from "effect"
import { Errors, Retry } from "openrouter-effect"

// The rest of the type tests are shared (suite/types.test.ts); this is where the editions' Schedule APIs differ.
describe("Retry", () => {
  it("a schedule's input is the typed error", () => {
    Retry.withServerHints(Schedule.spaced("1 second")).pipe(
      Schedule.whileInput((error) => {
        expectTypeOf(error).toEqualTypeOf<Errors.OpenRouterError>()
        return Errors.isRateLimited(error)
      })
    )
  })
})
