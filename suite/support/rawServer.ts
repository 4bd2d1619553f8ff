import { Effect, type Scope } from "effect"
import { closeRaw, listenRaw, type RawHandler, type RawServer } from "../../support/seam.js"

export type { RawServer } from "../../support/seam.js"

/** The shared raw loopback server for the length of the scope: every connection is destroyed when it closes. */
export const rawServer = (handler: RawHandler): Effect.Effect<RawServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => listenRaw(handler)),
    ({ server }) => Effect.promise(() => closeRaw(server))
  ).pipe(Effect.map(({ raw }) => raw))
