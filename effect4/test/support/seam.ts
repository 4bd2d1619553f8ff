/**
 * The seam of the shared suite (`../suite/`, run by both editions): what Effect 4 renamed, under one name. The
 * Effect 3 edition's `test/support/seam.ts` gives the same names its own way; a suite file imports only these,
 * `effect`'s modules whose API both majors share, and the SDK.
 */
import { expect, it } from "@effect/vitest"
import {
  Arbitrary,
  Cause,
  Config,
  ConfigProvider,
  Deferred,
  Duration,
  Effect,
  Exit,
  type Fiber,
  Logger,
  Metric,
  Option,
  Random,
  Schedule,
  Schema
} from "effect"
import { type HttpClient, HttpClientError, type HttpClientRequest, type HttpClientResponse } from "effect/http"
import { TestConsole } from "effect/testing"
import fc from "fast-check"
import { type Errors, Retry } from "openrouter-effect"
import { type Answer, decodeSuccess } from "../../src/internal/response.js"

export { NodeHttpClient } from "@effect/platform-node"
/** The official SDK, at the version that reads today's contract. */
export { OpenRouter as OfficialOpenRouter } from "@openrouter/sdk"
export {
  FetchHttpClient,
  Headers,
  HttpBody,
  HttpClient,
  HttpClientError,
  HttpClientRequest,
  HttpClientResponse
} from "effect/http"
export { TestClock } from "effect/testing"
export * from "../../../shared/fixtures.js"
export * from "../../../shared/openapi.js"
export { closeRaw, listenRaw, listenRefusing, type RawHandler, type RawServer } from "../../../shared/rawServer.js"
export { writeReport } from "../../../shared/report.js"

/** A test with a `Scope` in its context: Effect 4's `it.effect` provides one. */
export const scoped = it.effect

/** Forks `effect` as a child of the current fiber. */
export const fork = Effect.forkChild

/** What an effect ended with: Effect 4's `Result`. */
export type Outcome<A, E> = { readonly _tag: "Success"; readonly success: A } | {
  readonly _tag: "Failure"
  readonly failure: E
}

/** `effect`'s success or failure as an {@link Outcome}. */
export const outcome = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Outcome<A, E>, never, R> =>
  Effect.result(effect)

export { bodyJsonUnsafe as bodyJson, delete as deleteRequest } from "effect/http/HttpClientRequest"

/** `effect` with a config provider that reads `env` instead of the process's environment. */
export const withEnv = (env: Record<string, string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provideService(effect, ConfigProvider.ConfigProvider, ConfigProvider.fromEnv({ env }))

/** The success of an {@link Outcome}; throws on a failure (a test's assertion). */
export const successOf = <A, E>(o: Outcome<A, E>): A => {
  if (o._tag === "Failure") throw new Error(`expected a success, got ${String(o.failure)}`)
  return o.success
}

/** The failure of an {@link Outcome}; throws on a success (a test's assertion). */
export const failureOf = <A, E>(o: Outcome<A, E>): E => {
  if (o._tag === "Success") throw new Error("expected a failure, got a success")
  return o.failure
}

/** Completes `deferred` with `exit`, outside Effect (from a Node callback). */
export const completeDeferred = <A, E>(deferred: Deferred.Deferred<A, E>, exit: Exit.Exit<A, E>): void => {
  Deferred.doneUnsafe(deferred, exit)
}

/** Whether `fiber` is still running. */
export const isRunning = <A, E>(fiber: Fiber.Fiber<A, E>): boolean => fiber.pollUnsafe() === undefined

/** Lets other fibers run once. */
export const yieldNow: Effect.Effect<void> = Effect.yieldNow

/** What a `Duration` may be given as. */
export type DurationInput = Duration.Input

/** Decodes with `schema`, as an {@link Outcome}. */
export const decodeOutcome = <A, I>(schema: Schema.Codec<A, I>) => {
  const decode = Schema.decodeUnknownResult(schema)
  return (input: unknown): Outcome<A, Schema.SchemaError> => decode(input)
}

/** Whether `u` is an Effect `ConfigError`. */
export const isConfigError = (u: unknown): boolean => u instanceof Config.ConfigError

/** Whether `exit` ended by interruption. */
export const isInterrupted = <A, E>(exit: Exit.Exit<A, E>): boolean => Exit.hasInterrupts(exit)

/** The error a transport fails with when a request could not be sent. */
export const transportFailure = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })

/** The error a client fails with when a response body could not be decoded. */
export const decodeFailure = (
  request: HttpClientRequest.HttpClientRequest,
  response: HttpClientResponse.HttpClientResponse,
  cause: unknown
) => new HttpClientError.HttpClientError({ reason: new HttpClientError.DecodeError({ request, response, cause }) })

/** Attributes in the order they are added: a metric's series is named by them (Effect 3: labels). */
export type Labels = ReadonlyArray<readonly [string, string]>

const labelled = <Input, State>(metric: Metric.Metric<Input, State>, labels: Labels) =>
  labels.reduce((tagged, [key, value]) => Metric.withAttributes(tagged, { [key]: value }), metric)

/** How often the counter's series with `labels` was incremented. */
export const counterOf = (metric: Metric.Counter<number>, labels: Labels): Effect.Effect<number> =>
  Effect.map(Metric.value(labelled(metric, labels)), (state) => state.count)

/** How many values the histogram's series with `labels` recorded, and their sum. */
export const histogramOf = (
  metric: Metric.Histogram<number>,
  labels: Labels
): Effect.Effect<{ readonly count: number; readonly sum: number }> =>
  Effect.map(Metric.value(labelled(metric, labels)), (state) => ({ count: state.count, sum: state.sum }))

/** Every attribute value of every metric the process has recorded. */
export const metricLabels: Effect.Effect<Array<string>> = Effect.map(
  Metric.snapshot,
  (pairs) => pairs.flatMap((pair) => Object.values(pair.attributes ?? {}))
)

/** Whether `cause` holds a defect. */
export const hasDies = <E>(cause: Cause.Cause<E>): boolean => Cause.hasDies(cause)

/** A cause that holds the failure `error` and a defect: the failure is not the cause itself. */
export const failureBesideDefect = <E>(error: E): Cause.Cause<E> =>
  Cause.combine(Cause.fail(error), Cause.die("a finalizer failed"))

/** The error a client fails with when a request's URL is not one. */
export const invalidUrlFailure = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.HttpClientError({ reason: new HttpClientError.InvalidUrlError({ request, cause }) })

/** A schedule that waits these many milliseconds, one after the other, then stops. */
export const fixedDelays = (millis: ReadonlyArray<number>) =>
  Schedule.recurs(millis.length).pipe(
    Schedule.modifyDelay(({ attempt }) => Effect.succeed(Duration.millis(millis[attempt - 1] ?? 0)))
  )

export { delaysOf } from "./schedule.js"

/** The schema an error crosses a worker or RPC boundary with, as JSON: Effect 4's JSON codec of its class. */
export const boundaryCodec = (error: Errors.OpenRouterError) =>
  Schema.toCodecJson(error.constructor as unknown as Schema.Codec<Errors.OpenRouterError, unknown>)

/** `effect` with every log line written, as JSON, into `lines`. */
export const logJsonInto = (lines: Array<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, Logger.layer([Logger.map(Logger.formatJson, (line) => lines.push(line))]))

/** The issues a 2xx body of `answer` gives when decoded with `schema` (all of them, not the first only). */
export const issuesOf = <A, I>(schema: Schema.Codec<A, I>, answer: Answer) => {
  const decoded = decodeSuccess(answer, Schema.decodeUnknownResult(schema, { errors: "all" }))
  return decoded._tag === "Failure" ? decoded.failure.issues : []
}

/** What a schema says of a string where it expected a number: Effect 4 does not quote the value. */
export const notANumber = (_actual: string): string => "Expected number"

/** A schema and a body whose one issue has a message of 5,000 characters (Effect 4: a filter's own words). */
export const wordyIssue = {
  schema: Schema.Struct({ n: Schema.Number.check(Schema.makeFilter(() => "v".repeat(5_000))) }),
  body: { n: 1 }
}

/** What `effect` prints with `Console.log`: Effect 4's `it.effect` runs on a `TestConsole` that keeps it. */
export const printedBy = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Array<string>, E, R> =>
  Effect.andThen(effect, Effect.map(TestConsole.logLines, (lines) => lines.map(String)))

/** The tag of `exit`'s failure when its cause is that failure alone: no defect, no interruption. */
export const onlyFailureTag = <A>(exit: Exit.Exit<A, { readonly _tag: string }>): string | undefined =>
  Exit.isFailure(exit) && Cause.hasFails(exit.cause) && !Cause.hasDies(exit.cause) &&
    !Cause.hasInterrupts(exit.cause)
    ? Option.getOrUndefined(Cause.findErrorOption(exit.cause))?._tag
    : undefined

/** `schedule`, at most `times` retries, while `retryable` holds for the failure. */
export const retriesWhile = <Out>(
  schedule: Schedule.Schedule<Out, Retry.RetryError>,
  times: number,
  retryable: (error: Retry.RetryError) => boolean
) => schedule.pipe(Schedule.upTo({ times }), Schedule.while(({ input }) => retryable(input)))

/** Retries of a transient failure on `base` with the server's hints, at most `times`. */
export const transientRetries = (base: Schedule.Schedule<Duration.Duration>, times: number) =>
  retriesWhile(Retry.withServerHints(base), times, Retry.isTransient)

/** A jittered exponential backoff from `base`, at most `times` retries. */
export const jitteredExponential = (base: Duration.Input, times: number) =>
  Schedule.max([Schedule.jittered(Schedule.exponential(base)), Schedule.recurs(times)])

/** `effect` on a random generator seeded with `seed`. */
export const withSeed = (seed: number) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Random.withSeed(effect, seed)

/**
 * Runs `effect` counting the fibers it starts and those still running when it ends. Effect 4 has no
 * `Supervisor`: the runtime-metrics hook sees every fiber start and end instead.
 */
export const trackingFibers = <A, E, R>(effect: Effect.Effect<A, E, R>) => {
  const fibers = { started: 0, ended: 0 }
  const tracker: Metric.FiberRuntimeMetricsService = {
    recordFiberStart: () => void fibers.started++,
    recordFiberEnd: () => void fibers.ended++
  }
  return Effect.map(
    Effect.provideService(effect, Metric.FiberRuntimeMetrics, tracker),
    () => ({ started: fibers.started as number | undefined, running: fibers.started - fibers.ended })
  )
}

export { fc }

/** Values of `schema` from Effect 4's own generator, as a fast-check arbitrary. */
export const samplesOf = <A>(schema: Schema.Codec<A, unknown>, seed: number): fc.Arbitrary<A> =>
  fc.constantFrom(...Effect.runSync(Arbitrary.sampleEffect(Arbitrary.schema(schema), { count: 100, seed })))

/** Checks `decode(encode(x))` equals `x` for `runs` values of `schema` (Effect 4's `Arbitrary.checkEffect`). */
export const checkRoundTrip = (schema: unknown, runs: number, seed: number): Effect.Effect<void> =>
  Effect.gen(function*() {
    const s = schema as Schema.Codec<unknown, unknown>
    const encode = Schema.encodeSync(s)
    const decode = Schema.decodeUnknownSync(s)
    const result = yield* Arbitrary.checkEffect(
      Arbitrary.schema(s),
      (value) => {
        expect(decode(encode(value))).toEqual(value)
        return true
      },
      { runs, seed }
    )
    expect(result).toMatchObject({ _tag: "Passed", runs })
  })

/** The error a `Config` fails with. */
export type ConfigFailure = Config.ConfigError

/** The HTTP client service. */
export type Client = HttpClient.HttpClient

/** How `NodeLayer.layer` can fail when built: on a Node below 22.19. */
export type NodeLayerFailure = Errors.UnsupportedRuntimeError

/** The first typed failure in `cause`, if any. */
export const findFailure = <E>(cause: Cause.Cause<E>): Option.Option<E> => Cause.findErrorOption(cause)
