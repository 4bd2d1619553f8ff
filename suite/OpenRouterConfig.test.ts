import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import { readFileSync } from "node:fs"
import { OpenRouterConfig } from "openrouter-effect"
import { VERSION } from "../../src/internal/version.js"
import { isConfigError, withEnv } from "../support/seam.js"

const fromEnv = (env: Record<string, string>) =>
  OpenRouterConfig.OpenRouterConfig.pipe(
    Effect.provide(OpenRouterConfig.layerConfig),
    withEnv(env)
  )

describe("OpenRouterConfig", () => {
  it("wraps a string apiKey in Redacted at once", () => {
    const settings = OpenRouterConfig.make({ apiKey: "sk-or-v1-TESTKEY" })
    expect(Redacted.isRedacted(settings.apiKey)).toBe(true)
    expect(Redacted.value(settings.apiKey)).toBe("sk-or-v1-TESTKEY")
    expect(JSON.stringify(settings)).not.toContain("TESTKEY")
    expect(String(settings.apiKey)).toBe("<redacted>")
  })

  it("defaults the base URL and the timeout", () => {
    const settings = OpenRouterConfig.make({ apiKey: "k" })
    expect(settings.baseUrl).toBe("https://openrouter.ai/api/v1")
    expect(Duration.toMillis(settings.timeout)).toBe(30_000)
    expect(settings.propagateTraceContext).toBe(false)
  })

  it("accepts categories as a list or a comma-separated string", () => {
    expect(OpenRouterConfig.make({ apiKey: "k", appCategories: [" a ", "", "b"] }).appCategories).toBe("a,b")
    expect(OpenRouterConfig.make({ apiKey: "k", appCategories: "a,b" }).appCategories).toBe("a,b")
    expect(OpenRouterConfig.make({ apiKey: "k", appCategories: [] }).appCategories).toBeUndefined()
  })

  it.effect("layerConfig reads every setting from the environment", () =>
    Effect.gen(function*() {
      const settings = yield* fromEnv({
        OPENROUTER_API_KEY: "sk-or-v1-FROMENV",
        OPENROUTER_BASE_URL: "http://127.0.0.1:9999/api/v1/",
        OPENROUTER_HTTP_REFERER: "https://example.app",
        OPENROUTER_APP_TITLE: "Example",
        OPENROUTER_APP_CATEGORIES: "cli-agent, cloud-agent"
      })
      expect(Redacted.value(settings.apiKey)).toBe("sk-or-v1-FROMENV")
      expect(settings.baseUrl).toBe("http://127.0.0.1:9999/api/v1")
      expect(settings.appUrl).toBe("https://example.app")
      expect(settings.appTitle).toBe("Example")
      expect(settings.appCategories).toBe("cli-agent,cloud-agent")
    }))

  it.effect.each([["unset", {}], ["empty", { OPENROUTER_API_KEY: " " }]] as const)(
    "layerConfig with OPENROUTER_API_KEY %s: a ConfigError that says it is not set and where to get a key",
    ([, env]) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(fromEnv(env))
        expect(isConfigError(error)).toBe(true)
        expect(String(error)).toContain("OPENROUTER_API_KEY is not set")
        expect(error.message).toContain(
          "OPENROUTER_API_KEY is not set. Create a key at https://openrouter.ai/settings/keys"
        )
        expect(error.message).not.toContain("<redacted>")
        expect(error.message).not.toContain("Expected string")
      })
  )

  it.effect("layer provides what make returns", () =>
    Effect.gen(function*() {
      const settings = yield* OpenRouterConfig.OpenRouterConfig.pipe(
        Effect.provide(OpenRouterConfig.layer({ apiKey: "k", timeout: "2 seconds" }))
      )
      expect(Duration.toMillis(settings.timeout)).toBe(2000)
    }))

  it("the User-Agent version is package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})
