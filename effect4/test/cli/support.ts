import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit, Layer, Schedule, Schema, Scope } from "effect"
import * as Command from "effect/cli/Command"
import { HttpClient } from "effect/http"
import { TestClock, TestConsole } from "effect/testing"
import { OpenRouterConfig, Retry } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import { afterAll, beforeAll } from "vitest"
import { bundleBin } from "../../scripts/bundle-bin.mjs"
import { cli, withExitCode } from "../../src/internal/cli/commands.js"
import { paint } from "../../src/internal/cli/render.js"

/** What a run of the bin printed, and how it ended. */
export interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

/**
 * Runs the bin's commands in this process with `args`, against `emulator` with `apiKey` (retries off unless said),
 * and returns the exit code and what went to standard output and standard error.
 */
export const runCli = (
  emulator: OpenRouterTest.EmulatorService,
  args: ReadonlyArray<string>,
  options: { readonly apiKey?: string; readonly retry?: Retry.RetrySchedule; readonly colour?: boolean } = {}
): Effect.Effect<Ran> => {
  const api = Layer.merge(
    OpenRouterConfig.layer({
      apiKey: options.apiKey ?? OpenRouterTest.managementKey,
      baseUrl: "http://openrouter.test/api/v1",
      retry: options.retry ?? Retry.none
    }),
    Layer.succeed(HttpClient.HttpClient, OpenRouterTest.httpClient(emulator))
  )
  return Effect.gen(function*() {
    const before = { out: (yield* TestConsole.logLines).length, err: (yield* TestConsole.errorLines).length }
    const code = yield* withExitCode(
      Command.runWith(cli(api, { paint: paint(options.colour ?? false) }), { version: "test" })(args)
    ).pipe(Effect.provide(NodeServices.layer))
    const out = (yield* TestConsole.logLines).slice(before.out).map(String).join("\n")
    const err = (yield* TestConsole.errorLines).slice(before.err).map(String).join("\n")
    return { code, out, err }
  })
}

/** `read` again every 10 ms of real time (where a loopback server answers) until `done` holds, 30 s at most. */
const polled = <A>(read: Effect.Effect<A>, done: (value: A) => boolean): Effect.Effect<A> =>
  TestClock.withLive(Effect.repeat(read, { until: done, schedule: Schedule.spaced("10 millis"), times: 3000 }))

/** Waits in real time, where a loopback server answers, until `done` holds: 30 s at most. */
export const until = (done: () => boolean): Effect.Effect<void> => Effect.asVoid(polled(Effect.sync(done), Boolean))

/**
 * Waits in real time, where a loopback server answers, until standard output (`log`) or standard error has at
 * least `count` lines, 30 s at most; returns them all.
 */
export const linesOf = (stream: "log" | "error", count: number): Effect.Effect<Array<string>> =>
  polled(
    Effect.map(
      stream === "log" ? TestConsole.logLines : TestConsole.errorLines,
      (printed) => printed.flatMap((text) => String(text).split("\n"))
    ),
    (lines) => lines.length >= count
  )

/** `out` decoded as `schema`'s JSON: it throws when the output strays from its schema. */
export const decodeJson = <S extends Schema.Top>(schema: S, out: string): S["Type"] =>
  Schema.decodeUnknownSync(Schema.toCodecJson(schema as unknown as Schema.Codec<S["Type"], unknown>))(JSON.parse(out))

/**
 * For tests of the bin as a process: bundles it once, and serves the emulator on loopback for the file's tests.
 * Read `emulator` and `baseUrl` inside a test, once `beforeAll` has run.
 */
export const servedForTheBin = () => {
  const served = {} as { emulator: OpenRouterTest.EmulatorService; baseUrl: string }
  let scope: Scope.Closeable
  beforeAll(async () => {
    await bundleBin()
    scope = Effect.runSync(Scope.make())
    const running = await Effect.runPromise(Scope.provide(OpenRouterEmulator.serve(), scope))
    served.emulator = running.emulator
    served.baseUrl = running.url
  }, 60_000)
  afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))
  return served
}
