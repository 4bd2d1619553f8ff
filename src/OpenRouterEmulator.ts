/**
 * The emulator behind a real `node:http` server on loopback: for demos and wire-level tests.
 * Import from `openrouter-effect/testing`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as OpenRouterTest from "./OpenRouterTest.js"

/**
 * A running emulator: its base URL (`http://127.0.0.1:<port>/api/v1`) and its controls.
 *
 * @since 0.1.0
 */
export interface Running {
  readonly url: string
  readonly emulator: OpenRouterTest.EmulatorService
}

const headersOf = (request: Http.IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return out
}

/**
 * Starts the emulator on `host` (default `127.0.0.1`) and `port` (default: any free one), and stops it when
 * the scope closes.
 *
 * @example
 * ```ts
 * import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
 * import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
 * import { Effect, Layer } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const { url } = yield* OpenRouterEmulator.serve()
 *   return yield* Credits.getCredits.pipe(
 *     Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url }), HttpLayer.layer))
 *   )
 * }).pipe(Effect.scoped)
 * ```
 * @since 0.1.0
 */
export const serve = (
  options: OpenRouterTest.Options & { readonly port?: number | undefined; readonly host?: string | undefined } = {}
): Effect.Effect<Running, never, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* OpenRouterTest.make(options)
    const runtime = yield* Effect.runtime<never>()
    const host = options.host ?? "127.0.0.1"
    const server = Http.createServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        Runtime.runPromise(runtime)(emulator.handle({
          method: request.method ?? "GET",
          path: request.url ?? "/",
          headers: headersOf(request),
          body: Buffer.concat(chunks).toString("utf8")
        })).then((outcome) => {
          if (outcome._tag === "Disconnect") {
            request.socket.destroy()
          } else {
            response.writeHead(outcome.status, outcome.headers)
            response.end(outcome.body)
          }
        }, () => request.socket.destroy())
      })
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number>((resume) => {
        server.listen(options.port ?? 0, host, () => resume(Effect.succeed((server.address() as AddressInfo).port)))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const shownHost = host.includes(":") ? `[${host}]` : host
    return { url: `http://${shownHost}:${port}/api/v1`, emulator }
  })
