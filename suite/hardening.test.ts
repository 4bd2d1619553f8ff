import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Redacted } from "effect"
import { Credits, HttpLayer, OpenRouterConfig, Retry } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { OpenRouterTest } from "openrouter-effect/testing"
import { renderings } from "../support/observe.js"
import {
  API_KEY,
  FetchHttpClient,
  fork,
  HttpClient,
  HttpClientRequest,
  NodeHttpClient,
  scoped,
  SENDER,
  TestClock,
  withEnv
} from "../support/seam.js"
import { rawServer } from "./support/rawServer.js"
import { tallyFile } from "./support/tally.js"
import { creditsJson, envelope, json } from "./support/wire.js"

tallyFile("hardening")

const emulated = (config: Partial<OpenRouterConfig.Options>) =>
  OpenRouterTest.layer({ config: { apiKey: OpenRouterTest.managementKey, ...config } })

const refused = (config: Partial<OpenRouterConfig.Options>) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(Credits.getCredits)
    const emulator = yield* OpenRouterTest.Emulator
    expect(emulator.counts.requests).toBe(0)
    return error
  }).pipe(Effect.provide(emulated(config)))

describe("settings are checked before anything is sent, and never retried", () => {
  it.effect.each([
    ["a file: URL", "file:///etc/passwd"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["an ftp: URL", "ftp://openrouter.ai/api/v1"],
    ["a data: URL carrying a balance", "data:application/json,{\"data\":{\"total_credits\":1,\"total_usage\":0}}"],
    ["a query", "https://openrouter.ai/api/v1?tenant=1"],
    ["a fragment", "https://openrouter.ai/api/v1#x"],
    ["a relative URL", "/api/v1"],
    ["no host", "http:///api/v1"],
    ["a space in the host", "http://open router.ai/api/v1"]
  ])("baseUrl with %s: RequestValidationError naming baseUrl", ([, baseUrl]) =>
    Effect.gen(function*() {
      const error = yield* refused({ baseUrl })
      expect(error).toMatchObject({ _tag: "RequestValidationError", field: "baseUrl", operation: "getCredits" })
      expect(error.message).toContain("absolute http: or https: URL without credentials, query or fragment")
    }))

  it.each([
    ["https://openrouter.ai/api/v1?token=SECRET", "https://openrouter.ai/api/v1"],
    ["https://openrouter.ai/api/v1#SECRET", "https://openrouter.ai/api/v1"],
    ["HTTPS://openrouter.ai/api/v1?x#y", "HTTPS://openrouter.ai/api/v1"],
    ["ftp://SECRET@openrouter.ai/", ""],
    ["http://open router.ai/SECRET", ""]
  ])("an unusable baseUrl %j is shown in the settings as %j: no query, fragment or other scheme", (baseUrl, shown) => {
    expect(OpenRouterConfig.make({ apiKey: API_KEY, baseUrl }).baseUrl).toBe(shown)
  })

  it.effect.each([
    ["user:password", "https://user:hunter2-SECRET@openrouter.ai/api/v1"],
    ["a password containing @", "https://user:p@ss@word-SECRET@openrouter.ai/api/v1"],
    ["a user only", "https://SECRET-user@openrouter.ai/api/v1"]
  ])(
    "baseUrl with credentials (%s): refused, and the credentials appear nowhere",
    ([, baseUrl]) =>
      Effect.gen(function*() {
        const error = yield* refused({ baseUrl })
        expect(error).toMatchObject({ _tag: "RequestValidationError", field: "baseUrl" })
        for (const output of renderings(error)) expect(output).not.toContain("SECRET")
        const settings = OpenRouterConfig.make({ apiKey: API_KEY, baseUrl })
        expect(JSON.stringify(settings)).not.toContain("SECRET")
        expect(settings.baseUrl).toBe("https://openrouter.ai/api/v1")
      })
  )

  it.effect.each(
    [
      ["appTitle", { appTitle: "My app\r\nX-Injected: 1" }],
      ["appTitle", { appTitle: "Café ☕" }],
      ["appUrl", { appUrl: "https://example.app/\n" + "x" }],
      ["appCategories", { appCategories: ["cli-agent", "bad\u0000value"] }],
      ["appCategories", { appCategories: "日本語" }]
    ] as const
  )(
    "%s that cannot go in a header: RequestValidationError naming it, nothing sent",
    ([field, options]) =>
      Effect.gen(function*() {
        const error = yield* refused(options)
        expect(error).toMatchObject({ _tag: "RequestValidationError", field })
        expect(error.message).toContain("fits in an HTTP header")
      })
  )

  it.effect("a Latin-1 title is sent as it is", () =>
    Effect.gen(function*() {
      yield* Credits.getCredits
      const emulator = yield* OpenRouterTest.Emulator
      expect(emulator.requests[0]!.headers["x-openrouter-title"]).toBe("Café")
    }).pipe(Effect.provide(emulated({ appTitle: "Café" }))))

  it.effect.each([0, -5, Number.NaN])(
    "timeout %s: RequestValidationError naming timeout",
    (timeout) =>
      Effect.gen(function*() {
        const error = yield* refused({ timeout })
        expect(error).toMatchObject({ _tag: "RequestValidationError", field: "timeout" })
      })
  )

  it.effect.each<readonly [string, Duration.Duration]>([
    ["Duration.infinity", Duration.infinity],
    ["2^31 ms", Duration.millis(2 ** 31)],
    ["a year", Duration.days(365)]
  ])("timeout of %s: the call waits as long as the server does", ([, timeout]) =>
    Effect.gen(function*() {
      const emulator = yield* OpenRouterTest.Emulator
      yield* emulator.script("GET /credits", OpenRouterTest.delay("10 days"))
      const fiber = yield* fork(Credits.getCredits)
      yield* TestClock.adjust("10 days")
      expect((yield* Fiber.join(fiber)).remaining).toBe(74.75)
    }).pipe(Effect.provide(emulated({ timeout }))))

  it.live("a timeout above 2^31-1 ms on a real clock and a real transport does not fire after 1 ms", () =>
    Effect.gen(function*() {
      const server = yield* rawServer((_, response) => {
        setTimeout(() => json(200, creditsJson)(_, response), 30)
      })
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({
          apiKey: API_KEY,
          baseUrl: `${server.origin}/api/v1`,
          timeout: Duration.millis(2 ** 31 + 1),
          retry: Retry.none
        })),
        Effect.provide(NodeLayer.layer)
      )
      expect(balance.remaining).toBe(2)
    }).pipe(Effect.scoped))

  it.effect("an input whose getter throws gives a failed Effect, not a synchronous throw", () =>
    Effect.gen(function*() {
      const hostile = Object.defineProperty({ sender: SENDER, chainId: 1 }, "amount", {
        enumerable: true,
        get() {
          throw new Error("boom")
        }
      }) as unknown as { amount: number; sender: string; chainId: 1 }
      const security = Object.defineProperty({}, "bearer", {
        get() {
          throw new Error("boom")
        }
      }) as { bearer: string }
      expect(() => Credits.createCoinbaseCharge({ bearer: "tok" }, hostile)).not.toThrow()
      expect(() => Credits.createCoinbaseCharge(security, { amount: 1, sender: SENDER, chainId: 1 })).not.toThrow()
      expect(yield* Effect.flip(Credits.createCoinbaseCharge({ bearer: "tok" }, hostile))).toMatchObject({
        _tag: "RequestValidationError",
        field: "request"
      })
      expect(yield* Effect.flip(Credits.createCoinbaseCharge(security, { amount: 1, sender: SENDER, chainId: 1 })))
        .toMatchObject({ _tag: "RequestValidationError", field: "bearer" })
      expect((yield* OpenRouterTest.Emulator).counts.requests).toBe(0)
    }).pipe(Effect.provide(emulated({}))))

  it("OpenRouterConfig.layer with an options getter that throws does not throw when the layer is made", () => {
    const options = Object.defineProperty({ apiKey: API_KEY }, "timeout", {
      get() {
        throw new Error("boom")
      }
    }) as OpenRouterConfig.Options
    expect(() => OpenRouterConfig.layer(options)).not.toThrow()
  })
})

const appClients = [
  { name: "fetch", layer: FetchHttpClient.layer },
  { name: "undici", layer: NodeHttpClient.layerUndici }
] as const

/** An app's own client: headers for its own backends, its own credential, and middleware. */
const appMiddleware = (client: HttpClient.HttpClient) =>
  client.pipe(
    HttpClient.mapRequest(HttpClientRequest.setHeader("authorization", "Bearer app-internal-credential")),
    HttpClient.mapRequest(HttpClientRequest.setHeader("x-internal-token", "app-secret")),
    HttpClient.mapRequest(HttpClientRequest.setUrlParam("tenant", "app"))
  )

describe.each(appClients)("on an app-wide HttpClient with middleware ($name)", ({ layer }) => {
  const withApp = (
    transform: (client: HttpClient.HttpClient) => HttpClient.HttpClient,
    config: Partial<OpenRouterConfig.Options>
  ) =>
    Layer.merge(
      OpenRouterConfig.layer({ apiKey: API_KEY, retry: Retry.none, ...config }),
      Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, transform)).pipe(Layer.provide(layer))
    )

  scoped("OpenRouter receives the SDK's credential, headers and URL, none of the app's", () =>
    Effect.gen(function*() {
      const server = yield* rawServer(json(200, creditsJson))
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(withApp(appMiddleware, { baseUrl: `${server.origin}/api/v1` }))
      )
      expect(balance.remaining).toBe(2)
      expect(server.seen[0]!.authorization).toBe(`Bearer ${API_KEY}`)
      expect(server.seen[0]!["x-internal-token"]).toBeUndefined()
      expect(server.urls[0]).toBe("/api/v1/credits")
    }))

  scoped.each([[403, "ForbiddenResponseError"], [500, "InternalServerResponseError"], [
    429,
    "TooManyRequestsResponseError"
  ]])(
    "HttpClient.filterStatusOk: a %i still gives %s",
    ([status, tag]) =>
      Effect.gen(function*() {
        const server = yield* rawServer(json(status as number, envelope(status as number)))
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(withApp(HttpClient.filterStatusOk, { baseUrl: `${server.origin}/api/v1` }))
        )
        expect(error._tag).toBe(tag)
      })
  )

  scoped(
    "HttpClient.followRedirects: a cross-origin redirect is a typed error, never retried",
    () =>
      Effect.gen(function*() {
        const other = yield* rawServer(json(200, creditsJson))
        let calls = 0
        const server = yield* rawServer((_, response) => {
          calls++
          response.writeHead(302, { location: `${other.origin}/api/v1/credits` })
          response.end()
        })
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(withApp((client) => HttpClient.followRedirects(client, 5), {
            baseUrl: `${server.origin}/api/v1`,
            retry: Retry.defaultSchedule
          }))
        )
        expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Redirected" })
        expect(error.message).toContain(other.origin)
        expect(calls).toBe(1)
        expect(Retry.isTransient(error)).toBe(false)
      })
  )

  scoped(
    "OpenRouterConfig.layerClient: OpenRouter calls on a transport of their own, the app's client untouched",
    () =>
      Effect.gen(function*() {
        const other = yield* rawServer(json(200, creditsJson))
        const server = yield* rawServer((_, response) => {
          response.writeHead(302, { location: `${other.origin}/api/v1/credits` })
          response.end()
        })
        const own = OpenRouterConfig.layerClient({
          apiKey: API_KEY,
          baseUrl: `${server.origin}/api/v1`,
          retry: Retry.none
        })
          .pipe(Layer.provide(NodeLayer.layer))
        const app = Layer.effect(
          HttpClient.HttpClient,
          Effect.map(HttpClient.HttpClient, (client) => appMiddleware(HttpClient.followRedirects(client, 5)))
        ).pipe(Layer.provide(layer))
        const error = yield* Credits.getCredits.pipe(Effect.flip, Effect.provide(Layer.merge(own, app)))
        expect(error).toMatchObject({ _tag: "OpenRouterDefaultError", status: 302 })
        expect(other.seen).toHaveLength(0)
        expect(server.seen[0]!["x-internal-token"]).toBeUndefined()
      })
  )
})

describe("layerConfigClient: settings from the environment, a transport of their own", () => {
  scoped("the app's client is not replaced, OpenRouter's calls do not use it", () =>
    Effect.gen(function*() {
      const server = yield* rawServer(json(200, creditsJson))
      const appSeen: Array<string> = []
      const app = Layer.succeed(
        HttpClient.HttpClient,
        HttpClient.make((request) => Effect.die(`the app's client was used for ${request.url}`)).pipe(
          HttpClient.tapRequest((request) => Effect.sync(() => appSeen.push(request.url)))
        )
      )
      const live = OpenRouterConfig.layerConfigClient.pipe(Layer.provide(NodeLayer.layer))
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(Layer.merge(app, live)),
        withEnv({ OPENROUTER_API_KEY: API_KEY, OPENROUTER_BASE_URL: `${server.origin}/api/v1` })
      )
      expect(balance.remaining).toBe(2)
      expect(appSeen).toEqual([])
      expect(server.seen[0]!.authorization).toBe(`Bearer ${API_KEY}`)
    }))
})

describe("on fetch, wherever it sits in the provided client", () => {
  scoped(
    "an app-wide followRedirects cannot carry the key to another origin: refused before it leaves",
    () =>
      Effect.gen(function*() {
        const other = yield* rawServer(json(200, creditsJson))
        const server = yield* rawServer((_, response) => {
          response.writeHead(307, { location: `${other.origin}/steal` })
          response.end()
        })
        const error = yield* Credits.getCredits.pipe(
          Effect.flip,
          Effect.provide(
            OpenRouterConfig.layer({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1`, retry: Retry.none })
          ),
          Effect.provide(
            Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, HttpClient.followRedirects(5))).pipe(
              Layer.provide(HttpLayer.layer)
            )
          )
        )
        expect(error).toMatchObject({ _tag: "ConnectionError", reason: "Redirected" })
        expect(other.seen).toHaveLength(0)
      })
  )

  scoped("a Fetch of the app's own still serves the SDK's requests", () =>
    Effect.gen(function*() {
      const server = yield* rawServer(json(200, creditsJson))
      const seen: Array<string> = []
      const balance = yield* Credits.getCredits.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: Redacted.make(API_KEY), baseUrl: `${server.origin}/api/v1` })),
        Effect.provide(FetchHttpClient.layer),
        Effect.provideService(FetchHttpClient.Fetch, (input, init) => {
          seen.push(String(input))
          return globalThis.fetch(input, init)
        })
      )
      expect(balance.remaining).toBe(2)
      expect(seen).toEqual([`${server.origin}/api/v1/credits`])
    }))
})
