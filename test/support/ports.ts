import { Effect } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

/** A loopback port with nothing listening on it: bound, then released. */
export const closedPort: Effect.Effect<number> = Effect.async<number>((resume) => {
  const server = Http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})
