import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer, Schedule } from "effect"
import { ApiKeys, Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import {
  API_KEY,
  BEARER,
  CHARGE_INPUT,
  chargeBody,
  creditsBody,
  envelope,
  FetchHttpClient,
  HttpClient,
  type HttpClientRequest,
  HttpClientResponse,
  NodeHttpClient,
  type RawHandler,
  scoped
} from "../support/seam.js"
import { rawServer } from "./support/rawServer.js"
import { tallyFile } from "./support/tally.js"

tallyFile("sendOnce")

/** An in-memory transport answering as `answer` does, counting what it is asked to send. */
const inMemory = (answer: (method: string, path: string) => Response) => {
  const sent: Array<string> = []
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      sent.push(`${request.method} ${url.pathname}`)
      return HttpClientResponse.fromWeb(request, answer(request.method, url.pathname))
    })
  )
  return { sent, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** Transports an app provides, each answering through a loopback server (or in memory) that counts requests. */
const transports = [
  { name: "fetch", layer: FetchHttpClient.layer },
  { name: "undici", layer: NodeHttpClient.layerUndici }
] as const

type Middleware = (client: HttpClient.HttpClient) => HttpClient.HttpClient

/** What apps compose around the send. */
const middlewares: ReadonlyArray<{ readonly name: string; readonly wrap: Middleware }> = [
  { name: "HttpClient.retryTransient({ times: 2 })", wrap: HttpClient.retryTransient({ times: 2 }) },
  {
    name: "HttpClient.retry(Schedule.recurs(2)) over filterStatusOk",
    wrap: (client) => HttpClient.retry(HttpClient.filterStatusOk(client), Schedule.recurs(2))
  },
  {
    name: "a transform that runs the send twice",
    wrap: HttpClient.transform((send) => Effect.andThen(send, send))
  }
]

const appClient = (wrap: Middleware) => Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, wrap))

const server500 = (counted: Array<string>): RawHandler => (request, response) => {
  counted.push(`${request.method} ${request.url}`)
  response.writeHead(500, { "content-type": "application/json" })
  response.end(JSON.stringify(envelope(500, "processed, then failed")))
}

const charge = Credits.createCoinbaseCharge({ bearer: BEARER }, CHARGE_INPUT)

describe.each(transports)("on the app's $name client with middleware around the send", ({ layer }) => {
  describe.each(middlewares)("$name", ({ wrap }) => {
    scoped(
      "a POST answered 500 after it acted is sent once: the repeat is refused before it leaves",
      () =>
        Effect.gen(function*() {
          const counted: Array<string> = []
          const server = yield* rawServer(server500(counted))
          const error = yield* charge.pipe(
            Effect.flip,
            Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` })),
            Effect.provide(appClient(wrap)),
            Effect.provide(layer)
          )
          expect(counted).toEqual(["POST /api/v1/credits/coinbase"])
          expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Repeated", requestNotSent: false })
          expect(error.message).toContain("OpenRouterConfig.layerClient")
          expect(Retry.isSafeToRepeat(error)).toBe(false)
        })
    )

    scoped("a GET is sent as often as the SDK's schedule says, never more", () =>
      Effect.gen(function*() {
        const counted: Array<string> = []
        const server = yield* rawServer(server500(counted))
        yield* Credits.getCredits.pipe(
          Retry.withSchedule(Schedule.recurs(1)),
          Effect.flip,
          Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` })),
          Effect.provide(appClient(wrap)),
          Effect.provide(layer)
        )
        expect(counted).toEqual(["GET /api/v1/credits", "GET /api/v1/credits"])
      }))
  })

  scoped.each([307, 308])(
    "HttpClient.followRedirects: a POST answered %i is not sent again, to its own origin or any other",
    (status) =>
      Effect.gen(function*() {
        const counted: Array<string> = []
        const other = yield* rawServer(server500(counted))
        const server = yield* rawServer((request, response) => {
          counted.push(`${request.method} ${request.url}`)
          const to = counted.length === 1 ? "/api/v1/credits/coinbase?again" : `${other.origin}/steal`
          response.writeHead(status, { location: to })
          response.end()
        })
        const error = yield* charge.pipe(
          Effect.flip,
          Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` })),
          Effect.provide(appClient(HttpClient.followRedirects(5))),
          Effect.provide(layer)
        )
        expect(counted).toEqual(["POST /api/v1/credits/coinbase"])
        expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Redirected" })
      })
  )

  scoped("the app's own requests through the same client are not the SDK's business", () =>
    Effect.gen(function*() {
      const counted: Array<string> = []
      const server = yield* rawServer((request, response) => {
        counted.push(`${request.method} ${request.url}`)
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify(creditsBody))
      })
      const audit = yield* rawServer((request, response) => {
        counted.push(`audit ${request.url}`)
        response.end()
      })
      const base = yield* HttpClient.HttpClient
      const client = base.pipe(HttpClient.tapRequest(() => Effect.ignore(base.get(`${audit.origin}/log`))))
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` })),
        Effect.provideService(HttpClient.HttpClient, client)
      )
      expect(balance.remaining).toBe(74.75)
      expect(counted).toEqual(["audit /log", "GET /api/v1/credits"])
    }).pipe(Effect.provide(layer)))
})

describe("on an in-memory client with middleware around the send", () => {
  it.effect.each(middlewares)("$name: one POST, one typed error", ({ wrap }) =>
    Effect.gen(function*() {
      const memory = inMemory(() => new Response(JSON.stringify(envelope(500, "processed")), { status: 500 }))
      const error = yield* charge.pipe(
        Effect.flip,
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, timeout: Duration.infinity })),
        Effect.provide(appClient(wrap)),
        Effect.provide(memory.layer)
      )
      expect(memory.sent).toEqual(["POST /api/v1/credits/coinbase"])
      expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Repeated" })
    }))

  it.effect("followRedirects on a 307: one POST", () =>
    Effect.gen(function*() {
      const memory = inMemory(() =>
        new Response(null, { status: 307, headers: { location: "https://openrouter.ai/api/v1/credits/coinbase" } })
      )
      const error = yield* charge.pipe(
        Effect.flip,
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY, timeout: Duration.infinity })),
        Effect.provide(appClient(HttpClient.followRedirects(5))),
        Effect.provide(memory.layer)
      )
      expect(memory.sent).toEqual(["POST /api/v1/credits/coinbase"])
      expect(error).toMatchObject({ _tag: "ConnectionError" })
    }))

  it.effect("a success passes the gate untouched, and the answer is the SDK's", () =>
    Effect.gen(function*() {
      const memory = inMemory(() => new Response(JSON.stringify(chargeBody), { status: 200 }))
      const created = yield* charge.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY })),
        Effect.provide(appClient(HttpClient.retryTransient({ times: 2 }))),
        Effect.provide(memory.layer)
      )
      expect(created.id).toBe("charge_123")
      expect(memory.sent).toEqual(["POST /api/v1/credits/coinbase"])
    }))
})

describe("a client the SDK cannot see every send of", () => {
  /** A client that sends without `HttpClient.make`: no per-request hook runs, so its sends cannot be counted. */
  const unmade = (sent: Array<string>): HttpClient.HttpClient => {
    const base = HttpClient.make(() => Effect.die("unused"))
    const postprocess = (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) =>
      Effect.map(request, (r) => {
        sent.push(`${r.method} ${r.url}`)
        return HttpClientResponse.fromWeb(r, new Response(JSON.stringify(creditsBody), { status: 200 }))
      })
    return Object.assign(Object.create(Object.getPrototypeOf(base)), {
      preprocess: Effect.succeed,
      postprocess,
      execute: (request: HttpClientRequest.HttpClientRequest) => postprocess(Effect.succeed(request))
    })
  }

  it.effect("refuses a POST before anything is sent, saying why and what to use", () =>
    Effect.gen(function*() {
      const sent: Array<string> = []
      const error = yield* charge.pipe(
        Effect.flip,
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY })),
        Effect.provideService(HttpClient.HttpClient, unmade(sent))
      )
      expect(error).toMatchObject({ _tag: "RequestValidationError", field: "HttpClient" })
      expect(error.message).toContain("OpenRouterConfig.layerClient")
      // only the probe, to a host that does not exist, without a credential
      expect(sent).toEqual(["GET http://send-gate-probe.openrouter-effect.invalid/"])
    }))

  it.effect("still answers a GET, which cannot act", () =>
    Effect.gen(function*() {
      const sent: Array<string> = []
      const key = yield* Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: API_KEY })),
        Effect.provideService(HttpClient.HttpClient, unmade(sent))
      )
      expect(key.totalCredits).toBe(100.5)
      expect(sent).toEqual(["GET https://openrouter.ai/api/v1/credits"])
    }))
})

describe("OpenRouterConfig.layerClient: the way to keep the app's middleware and send once", () => {
  scoped(
    "the app's retrying client serves the app; OpenRouter's POST goes once on its own transport",
    () =>
      Effect.gen(function*() {
        const counted: Array<string> = []
        const server = yield* rawServer(server500(counted))
        const own = OpenRouterConfig.layerClient({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` }).pipe(
          Layer.provide(NodeLayer.layer)
        )
        const app = appClient(HttpClient.retryTransient({ times: 2 })).pipe(Layer.provide(FetchHttpClient.layer))
        const error = yield* charge.pipe(Effect.flip, Effect.provide(Layer.merge(own, app)))
        expect(error).toMatchObject({ _tag: "InternalServerResponseError", status: 500 })
        expect(counted).toEqual(["POST /api/v1/credits/coinbase"])
        const key = yield* ApiKeys.getCurrentKey.pipe(
          Retry.withSchedule(Retry.none),
          Effect.flip,
          Effect.provide(Layer.merge(own, app))
        )
        expect(key).toMatchObject({ status: 500 })
        expect(counted).toEqual(["POST /api/v1/credits/coinbase", "GET /api/v1/key"])
      })
  )
})

describe("the SDK's transport does not change the app's HTTP", () => {
  const redirecting = Effect.gen(function*() {
    const target = yield* rawServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify(creditsBody))
    })
    return yield* rawServer((_, response) => {
      response.writeHead(302, { location: `${target.origin}/api/v1/credits` })
      response.end()
    })
  })

  scoped(
    "HttpLayer.layer provided app-wide: the app's requests follow redirects, the SDK's do not",
    () =>
      Effect.gen(function*() {
        const server = yield* redirecting
        const app = yield* HttpClient.get(`${server.origin}/app`)
        expect(app.status).toBe(200)
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(
            OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1`, retry: Retry.none })
          )
        )
        expect(error).toMatchObject({ _tag: "OpenRouterDefaultError", status: 302 })
      }).pipe(Effect.provide(HttpLayer.layer))
  )

  scoped(
    "the app's fetch options serve the SDK's requests, without their headers or redirect mode",
    () =>
      Effect.gen(function*() {
        const server = yield* redirecting
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(
            OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1`, retry: Retry.none })
          )
        )
        expect(error).toMatchObject({ _tag: "OpenRouterDefaultError", status: 302 })
        expect(server.seen[0]!["x-internal-token"]).toBeUndefined()
        expect(server.seen[0]!.authorization).toBe(`Bearer ${API_KEY}`)
      }).pipe(
        Effect.provide(HttpLayer.layer),
        Effect.provideService(FetchHttpClient.RequestInit, {
          redirect: "follow",
          headers: { "x-internal-token": "app-only", authorization: "Bearer app-token" }
        })
      )
  )
})
