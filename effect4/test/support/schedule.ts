import { Duration, Effect, Result, Schedule } from "effect"

/**
 * The delays `schedule` decides on for `inputs`, one per input, with `0` for the decision to stop (after which
 * it is not stepped again).
 */
export const delaysOf = <Out, In, E, R>(schedule: Schedule.Schedule<Out, In, E, R>, inputs: ReadonlyArray<In>) =>
  Effect.gen(function*() {
    const step = yield* Schedule.toStep(schedule)
    const delays: Array<number> = []
    for (const input of inputs) {
      const decision = yield* Effect.result(step(0, input))
      if (Result.isFailure(decision)) {
        delays.push(0)
        break
      }
      delays.push(Duration.toMillis(decision.success[1]))
    }
    return delays
  })
