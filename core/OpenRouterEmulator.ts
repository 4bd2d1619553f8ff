/**
 * The emulator behind a real `node:http` server on loopback: for demos and wire-level tests.
 * Import from `openrouter-effect/testing`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { callback, promiseRunner } from "./internal/effectKit.js"
import type { Outcome } from "./internal/emulator.js"
import * as OpenRouterTest from "./OpenRouterTest.js"

/**
 * A running emulator: its base URL (`http://127.0.0.1:<port>/api/v1`) and its controls.
 *
 * @since 0.1.0
 * @category models
 */
export interface Running {
  readonly url: string
  readonly emulator: OpenRouterTest.EmulatorService
}

/**
 * The emulator could not start: the address is in use, not available on this machine, or not allowed.
 *
 * @since 0.2.0
 * @category errors
 */
export class ServeError extends /* @__PURE__ */ Schema.TaggedError<ServeError>()("OpenRouterEmulatorServeError", {
  host: Schema.String,
  port: Schema.Number,
  /** The system's error code, e.g. `EADDRINUSE`. */
  code: Schema.String
}) {
  override get message(): string {
    const why = this.code === "EADDRINUSE"
      ? "the port is already in use"
      : this.code === "EADDRNOTAVAIL"
      ? "the address is not on this machine"
      : this.code === "EACCES"
      ? "this process may not listen there"
      : this.code === "ERR_SOCKET_BAD_PORT"
      ? "that is not a port (0 to 65535)"
      : "listening failed"
    return `OpenRouterEmulator.serve could not listen on ${this.host}:${this.port}: ${why} (${this.code}). Pass another port, or none for any free one.`
  }
}

/** Sends `outcome`; a reply that cannot be written becomes a 500 naming the reason, never a crash or a hang. */
const send = (
  request: Http.IncomingMessage,
  response: Http.ServerResponse,
  outcome: Outcome
): void => {
  if (outcome._tag === "Disconnect") {
    request.socket.destroy()
    return
  }
  try {
    response.writeHead(outcome.status, outcome.headers)
    response.end(outcome.body)
  } catch (error) {
    if (response.headersSent) {
      request.socket.destroy()
      return
    }
    const text = `OpenRouterEmulator could not send the scripted answer: ${
      error instanceof Error ? error.message : String(error)
    }`
    response.removeHeader("content-length")
    response.writeHead(500, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) })
    response.end(text)
  }
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
 * @category constructors
 */
export const serve = (
  options: OpenRouterTest.Options & { readonly port?: number | undefined; readonly host?: string | undefined } = {}
): Effect.Effect<Running, ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const emulator = yield* OpenRouterTest.make(options)
    const runPromise = yield* promiseRunner
    const host = options.host ?? "127.0.0.1"
    const server = Http.createServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        runPromise(emulator.handle({
          method: request.method ?? "GET",
          path: request.url ?? "/",
          headers: headersOf(request),
          body: Buffer.concat(chunks).toString("utf8")
        })).then((outcome) => send(request, response, outcome), () => request.socket.destroy())
      })
    })
    server.on("clientError", (_, socket) => socket.destroy())
    const wanted = options.port ?? 0
    const port = yield* Effect.acquireRelease(
      callback<number, ServeError>((resume) => {
        const failed = (error: NodeJS.ErrnoException) =>
          resume(Effect.fail(new ServeError({ host, port: wanted, code: error.code ?? "UNKNOWN" })))
        server.once("error", failed)
        try {
          server.listen(wanted, host, () => {
            server.off("error", failed)
            server.on("error", () => {})
            resume(Effect.succeed((server.address() as AddressInfo).port))
          })
        } catch (error) {
          failed(error as NodeJS.ErrnoException)
        }
      }),
      () =>
        callback<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const shownHost = host.includes(":") ? `[${host}]` : host
    return { url: `http://${shownHost}:${port}/api/v1`, emulator }
  })
