/**
 * The seam of the shared suite (`suite/`, run by both editions): what Effect 4 renamed, under one name. The Effect 4
 * edition's `test/support/seam.ts` gives the same names its own way; a suite file imports only these, `effect`'s
 * modules whose API both majors share, and the SDK.
 */
import { type HttpClient, HttpClientError, type HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { expect, it } from "@effect/vitest"
import {
  Arbitrary,
  Cause,
  Chunk,
  ConfigError,
  ConfigProvider,
  Deferred,
  Duration,
  Effect,
  Either,
  Exit,
  FastCheck as fc,
  Fiber,
  Logger,
  Metric,
  Option,
  type ParseResult,
  Random,
  Schedule,
  Schema,
  Supervisor
} from "effect"
import { type Errors, Retry } from "openrouter-effect"
import { vi } from "vitest"
import { type Answer, decodeSuccess } from "../../src/internal/response.js"

export {
  FetchHttpClient,
  Headers,
  HttpBody,
  HttpClient,
  HttpClientError,
  HttpClientRequest,
  HttpClientResponse
} from "@effect/platform"
export { NodeHttpClient } from "@effect/platform-node"
/** The official SDK, at the version that reads today's contract. */
export { TestClock } from "effect"
export { OpenRouter as OfficialOpenRouter } from "openrouter-sdk-current"
export * from "../../shared/fixtures.js"
export * from "../../shared/openapi.js"
export { closeRaw, listenRaw, listenRefusing, type RawHandler, type RawServer } from "../../shared/rawServer.js"
export { writeReport } from "../../shared/report.js"

/** A test with a `Scope` in its context (`it.scoped` here; Effect 4's `it.effect` provides one). */
export const scoped = it.scoped

/** Forks `effect` as a child of the current fiber. */
export const fork = Effect.fork

/** What an effect ended with, in Effect 4's `Result` shape. */
export type Outcome<A, E> = { readonly _tag: "Success"; readonly success: A } | {
  readonly _tag: "Failure"
  readonly failure: E
}

/** `effect`'s success or failure as an {@link Outcome}. */
export const outcome = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Outcome<A, E>, never, R> =>
  Effect.map(
    Effect.either(effect),
    (either): Outcome<A, E> =>
      Either.isLeft(either) ? { _tag: "Failure", failure: either.left } : { _tag: "Success", success: either.right }
  )

/** `HttpClientRequest.bodyUnsafeJson` (Effect 4: `bodyJsonUnsafe`). */
export { bodyUnsafeJson as bodyJson, del as deleteRequest } from "@effect/platform/HttpClientRequest"

/** `effect` with a config provider that reads `env` instead of the process's environment. */
export const withEnv = (env: Record<string, string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.withConfigProvider(effect, ConfigProvider.fromMap(new Map(Object.entries(env))))

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
  Deferred.unsafeDone(deferred, exit)
}

/** Whether `fiber` is still running. */
export const isRunning = <A, E>(fiber: Fiber.RuntimeFiber<A, E>): boolean => fiber.unsafePoll() === null

/** Lets other fibers run once. */
export const yieldNow: Effect.Effect<void> = Effect.yieldNow()

/** What a `Duration` may be given as (Effect 4: `Duration.Input`). */
export type DurationInput = Duration.DurationInput

/** Decodes with `schema`, as an {@link Outcome}. */
export const decodeOutcome = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (input: unknown): Outcome<A, ParseResult.ParseError> => {
    const decoded = decode(input)
    return Either.isLeft(decoded)
      ? { _tag: "Failure", failure: decoded.left }
      : { _tag: "Success", success: decoded.right }
  }
}

/** Whether `u` is an Effect `ConfigError`. */
export const isConfigError = (u: unknown): boolean => ConfigError.isConfigError(u)

/** Whether `exit` ended by interruption. */
export const isInterrupted = <A, E>(exit: Exit.Exit<A, E>): boolean => Exit.isInterrupted(exit)

/** The error a transport fails with when a request could not be sent. */
export const transportFailure = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause })

/** The error a client fails with when a response body could not be decoded. */
export const decodeFailure = (
  request: HttpClientRequest.HttpClientRequest,
  response: HttpClientResponse.HttpClientResponse,
  cause: unknown
) => new HttpClientError.ResponseError({ request, response, reason: "Decode", cause })

/** Labels in the order they are added: a metric's series is named by them (Effect 4: attributes). */
export type Labels = ReadonlyArray<readonly [string, string]>

const labelled = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>, labels: Labels) =>
  labels.reduce((tagged, [key, value]) => Metric.tagged(tagged, key, value), metric)

/** How often the counter's series with `labels` was incremented. */
export const counterOf = (metric: Metric.Metric.Counter<number>, labels: Labels): Effect.Effect<number> =>
  Effect.map(Metric.value(labelled(metric, labels)), (state) => state.count)

/** How many values the histogram's series with `labels` recorded, and their sum. */
export const histogramOf = (
  metric: Metric.Metric.Histogram<number>,
  labels: Labels
): Effect.Effect<{ readonly count: number; readonly sum: number }> =>
  Effect.map(Metric.value(labelled(metric, labels)), (state) => ({ count: state.count, sum: state.sum }))

/** Every label value of every metric the process has recorded. */
export const metricLabels: Effect.Effect<Array<string>> = Effect.map(
  Metric.snapshot,
  (pairs) => pairs.flatMap((pair) => pair.metricKey.tags.map((tag) => tag.value))
)

/** Whether `cause` holds a defect. */
export const hasDies = <E>(cause: Cause.Cause<E>): boolean => Cause.isDie(cause)

/** A cause that holds the failure `error` and a defect: the failure is not the cause itself. */
export const failureBesideDefect = <E>(error: E): Cause.Cause<E> =>
  Cause.sequential(Cause.fail(error), Cause.die("a finalizer failed"))

/** The error a client fails with when a request's URL is not one. */
export const invalidUrlFailure = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause })

/** A schedule that waits these many milliseconds, one after the other, then stops. */
export const fixedDelays = (millis: ReadonlyArray<number>): Schedule.Schedule<Duration.Duration> =>
  Schedule.fromDelays(...millis.map((m) => Duration.millis(m)) as [Duration.Duration, ...Array<Duration.Duration>])

/** The delays, in milliseconds, `schedule` decides on for `inputs`, until it stops. */
export const delaysOf = <Out, In>(
  schedule: Schedule.Schedule<Out, In>,
  inputs: ReadonlyArray<In>
): Effect.Effect<ReadonlyArray<number>> =>
  Effect.map(
    Schedule.run(Schedule.delays(schedule), 0, inputs),
    (delays) => Chunk.toReadonlyArray(delays).map(Duration.toMillis)
  )

/** The schema an error crosses a worker or RPC boundary with, as JSON: the error's own class. */
export const boundaryCodec = (error: Errors.OpenRouterError): Schema.Schema<Errors.OpenRouterError, unknown> =>
  error.constructor as unknown as Schema.Schema<Errors.OpenRouterError, unknown>

/** `effect` with every log line written, as JSON, into `lines`. */
export const logJsonInto = (lines: Array<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(
    effect,
    Logger.replace(Logger.defaultLogger, Logger.map(Logger.jsonLogger, (line) => lines.push(line)))
  )

/** The issues a 2xx body of `answer` gives when decoded with `schema` (all of them, not the first only). */
export const issuesOf = <A, I>(schema: Schema.Schema<A, I>, answer: Answer) => {
  const decoded = decodeSuccess(answer, Schema.decodeUnknownEither(schema, { errors: "all" }))
  return Either.isLeft(decoded) ? decoded.left.issues : []
}

/** What a schema says of a string where it expected a number: Effect 3 quotes the value. */
export const notANumber = (actual: string): string => `Expected number, actual ${JSON.stringify(actual)}`

/** A schema and a body whose one issue has a message of 5,000 characters (Effect 3: the quoted value). */
export const wordyIssue = {
  schema: Schema.Struct({ n: Schema.Number }),
  body: { n: "v".repeat(5_000) }
}

/** What `effect` prints with `console.log`, one entry per call. */
export const printedBy = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Array<string>, E, R> =>
  Effect.acquireUseRelease(
    Effect.sync(() => vi.spyOn(console, "log").mockImplementation(() => {})),
    (log) => Effect.map(effect, () => log.mock.calls.map((call) => call.join(" "))),
    (log) => Effect.sync(() => log.mockRestore())
  )

/** The tag of `exit`'s failure when its cause is that failure alone: no defect, no interruption. */
export const onlyFailureTag = <A>(exit: Exit.Exit<A, { readonly _tag: string }>): string | undefined =>
  Exit.isFailure(exit) && Cause.isFailType(exit.cause) ? exit.cause.error._tag : undefined

/** `schedule`, at most `times` retries, while `retryable` holds for the failure. */
export const retriesWhile = <Out>(
  schedule: Schedule.Schedule<Out, Retry.RetryError>,
  times: number,
  retryable: (error: Retry.RetryError) => boolean
) => schedule.pipe(Schedule.intersect(Schedule.recurs(times)), Schedule.whileInput(retryable))

/** Retries of a transient failure on `base` with the server's hints, at most `times`. */
export const transientRetries = (base: Schedule.Schedule<Duration.Duration>, times: number) =>
  retriesWhile(Retry.withServerHints(base), times, Retry.isTransient)

/** A jittered exponential backoff from `base`, at most `times` retries. */
export const jitteredExponential = (base: Duration.DurationInput, times: number) =>
  Schedule.exponential(base).pipe(Schedule.jittered, Schedule.intersect(Schedule.recurs(times)))

/** `effect` on a random generator seeded with `seed`. */
export const withSeed = (seed: number) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.withRandom(effect, Random.make(seed))

/**
 * Runs `effect`, then counts its fibers still running; Effect 3's `Supervisor.track` keeps only the live ones, so
 * how many it started is not known here.
 */
export const trackingFibers = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const supervisor = yield* Supervisor.track
    yield* Effect.supervised(effect, supervisor)
    const fibers = yield* supervisor.value
    const running = fibers.filter((fiber) => fiber.unsafePoll() === null).length
    yield* Effect.forEach(fibers, Fiber.await, { discard: true, concurrency: "unbounded" }).pipe(
      Effect.timeout("1 second"),
      Effect.ignore
    )
    return { started: undefined as number | undefined, running }
  })

export { fc }

/** Values of `schema`, as a fast-check arbitrary (Effect 3 derives one from the schema). */
export const samplesOf = <A, I>(schema: Schema.Schema<A, I>, _seed: number): fc.Arbitrary<A> => Arbitrary.make(schema)

/** Checks `decode(encode(x))` equals `x` for `runs` values of `schema`. */
export const checkRoundTrip = (schema: unknown, runs: number, _seed: number): Effect.Effect<void> =>
  Effect.sync(() => {
    const s = schema as Schema.Schema<unknown, unknown>
    const encode = Schema.encodeSync(s)
    const decode = Schema.decodeUnknownSync(s)
    fc.assert(fc.property(Arbitrary.make(s), (value) => void expect(decode(encode(value))).toEqual(value)), {
      numRuns: runs
    })
  })

/** The error a `Config` fails with. */
export type ConfigFailure = ConfigError.ConfigError

/** The HTTP client service. */
export type Client = HttpClient.HttpClient

/** How `NodeLayer.layer` can fail when built: on Effect 3, never. */
export type NodeLayerFailure = never

/** The first typed failure in `cause`, if any. */
export const findFailure = <E>(cause: Cause.Cause<E>): Option.Option<E> => Cause.failureOption(cause)
