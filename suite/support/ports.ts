import { Effect, type Scope } from "effect"
import { closeRaw, listenRefusing } from "../../support/seam.js"

/**
 * An origin where a connection is refused for as long as the scope lasts: a server holds port P on 127.0.0.1,
 * so no other process can listen on P on every address, and nothing listens on 127.0.0.2:P.
 */
export const refusingOrigin: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.promise(listenRefusing),
  ({ server }) => Effect.promise(() => closeRaw(server))
).pipe(Effect.map(({ origin }) => origin))
