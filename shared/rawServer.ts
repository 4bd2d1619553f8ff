import * as Http from "node:http"
import type { AddressInfo } from "node:net"

/** What a raw server saw, and where it listens. */
export interface RawServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Headers of every request seen, in order. */
  readonly seen: Array<Http.IncomingHttpHeaders>
  /** The path and query of every request seen, in order. */
  readonly urls: Array<string>
}

export type RawHandler = (request: Http.IncomingMessage, response: Http.ServerResponse) => void

/**
 * A loopback server whose handler gets the raw request and response, once its body has arrived, for faults below
 * HTTP (resets, trickles, raw bytes). Plain Node: each edition's tests wrap it in a scope of their Effect.
 */
export const listenRaw = (handler: RawHandler): Promise<{ readonly server: Http.Server; readonly raw: RawServer }> =>
  new Promise((resolve) => {
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
      resolve({ server, raw: { origin: `http://127.0.0.1:${port}`, seen, urls } })
    })
  })

/** Closes `server`, destroying every connection still open. */
export const closeRaw = (server: Http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

/**
 * A server that holds port P on 127.0.0.1 and destroys every connection: nothing else can listen on P on every
 * address, so `http://127.0.0.2:P` refuses connections for as long as it runs.
 */
export const listenRefusing = (): Promise<{ readonly server: Http.Server; readonly origin: string }> =>
  new Promise((resolve) => {
    const server = Http.createServer((request) => request.socket.destroy())
    server.listen(
      0,
      "127.0.0.1",
      () => resolve({ server, origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}` })
    )
  })
