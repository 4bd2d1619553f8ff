/**
 * Run as a child process by `unreadBody.test.ts`: answers with bodies the SDK will not read to the end
 * (cut off at the read bound, or compressed unasked), then closes the connection, on both transports, with
 * the npm `undici` loaded first (as `openrouter-effect/node` does in an app). undici 7 crashes the process when
 * a socket ends under a response nobody reads (nodejs/undici#5360); the SDK must abort such a request instead.
 * Prints one JSON line: each case's outcome tags.
 */
import { Effect, Exit, Layer } from "effect"
import { randomBytes } from "node:crypto"
import * as Http from "node:http"
import { gzipSync } from "node:zlib"
import { Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { failureTag } from "../../../src/internal/effectKit.js"

const plain2MiB = Buffer.from(randomBytes(1536 * 1024).toString("base64"))
const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, " "))
// Random text compresses little: 40 KiB reach the client's socket whole, FIN included, but fill the response
// stream's buffer, so undici's parser pauses on a body nobody reads.
const gzip40KiB = gzipSync(Buffer.from(randomBytes(30 * 1024).toString("base64")))
const envelope = JSON.stringify({ error: { code: 403, message: "x".repeat(100 * 1024) }, user_id: null })

const cases: Record<string, (response: Http.ServerResponse) => void> = {
  "gzip of 50 KB inflating to 50 MB": (response) => {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
    response.end(bomb)
  },
  "gzip of 40 KiB nobody asked for": (response) => {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
    response.end(gzip40KiB)
  },
  "plain body past 1 MiB": (response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": String(plain2MiB.length) })
    response.end(plain2MiB)
  },
  "error body past 64 KiB": (response) => {
    response.writeHead(403, { "content-type": "application/json" })
    response.end(envelope)
  }
}

let current = ""
const server = Http.createServer((request, response) => {
  request.resume()
  request.on("end", () => {
    response.shouldKeepAlive = false
    cases[current]!(response)
  })
})

const outcome = (exit: Exit.Exit<unknown, { readonly _tag: string }>) =>
  Exit.isSuccess(exit)
    ? "success"
    : failureTag(exit) ?? "defect"

server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address() as { port: number }
  const config = OpenRouterConfig.layer({
    apiKey: "sk-or-v1-child",
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    retry: Retry.none
  })
  const results: Record<string, Array<string>> = {}
  for (const [transport, layer] of [["fetch", HttpLayer.layer], ["undici", NodeLayer.layer]] as const) {
    for (const name of Object.keys(cases)) {
      current = name
      const tags: Array<string> = []
      for (let i = 0; i < 4; i++) {
        const exit = await Effect.runPromiseExit(Credits.getCredits.pipe(Effect.provide(Layer.merge(config, layer))))
        tags.push(outcome(exit))
        // give the socket time to deliver the server's FIN while nothing reads the body
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      results[`${transport}: ${name}`] = tags
    }
  }
  server.closeAllConnections()
  server.close()
  console.log(JSON.stringify(results))
})
