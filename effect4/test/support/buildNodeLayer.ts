// Builds NodeLayer.layer and prints how that ended: run by test/NodeLayer.test.ts on an older Node.
import { Cause, Effect, Exit, Layer } from "effect"
import { NodeLayer } from "openrouter-effect/node"

const exit = await Effect.runPromiseExit(Effect.scoped(Layer.build(NodeLayer.layer)))
console.log(Exit.isSuccess(exit) ? "built" : Cause.pretty(exit.cause))
