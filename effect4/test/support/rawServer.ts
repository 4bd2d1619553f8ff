import { Effect, type Scope } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

export interface RawServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Headers of every request seen, in order. */
  readonly seen: Array<Http.IncomingHttpHeaders>
  /** The path and query of every request seen, in order. */
  readonly urls: Array<string>
}

/**
 * A loopback server whose handler gets the raw request and response, for faults below HTTP
 * (resets, trickles, raw bytes). Every connection is destroyed when the scope closes.
 */
export const rawServer = (
  handler: (request: Http.IncomingMessage, response: Http.ServerResponse) => void
): Effect.Effect<RawServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.callback<{ server: Http.Server; raw: RawServer }>((resume) => {
      const seen: Array<Http.IncomingHttpHeaders> = []
      const urls: Array<string> = []
      const server = Http.createServer((request, response) => {
        seen.push(request.headers)
        urls.push(request.url ?? "")
        request.resume()
        request.on("end", () => handler(request, response))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, raw: { origin: `http://127.0.0.1:${port}`, seen, urls } }))
      })
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ raw }) => raw))
