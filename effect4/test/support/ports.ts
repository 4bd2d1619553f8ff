import { Effect, type Scope } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

/**
 * An origin where a connection is refused for as long as the scope lasts: a server holds port P on 127.0.0.1,
 * so no other process can listen on P on every address, and nothing listens on 127.0.0.2:P.
 */
export const refusingOrigin: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.callback<Http.Server>((resume) => {
    const server = Http.createServer((request) => request.socket.destroy())
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) =>
    Effect.callback<void>((resume) => {
      server.close(() => resume(Effect.void))
    })
).pipe(Effect.map((server) => `http://127.0.0.2:${(server.address() as AddressInfo).port}`))
