/**
 * What Effect 4 renamed in `Effect`, `Context`, `Layer`, `Stream`, `Schedule`, `Metric` and `Either`/`Result`, under
 * one name, for the modules written once in `core/`. The Effect 4 edition's `internal/effectKit.ts` gives the same
 * names its own way.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as GlobalValue from "effect/GlobalValue"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import type * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** @internal */
export type Result<A, E> = Either.Either<A, E>

/** @internal */
export type DecodeError = ParseResult.ParseError

/** @internal */
export type ConfigFailure = ConfigError.ConfigError

/** @internal */
export type DurationInput = Duration.DurationInput

/** @internal */
export type ScheduleOf<Out, In = unknown, R = never> = Schedule.Schedule<Out, In, R>

/** @internal */
export type Counter = Metric.Metric.Counter<number>

/** @internal */
export type Histogram = Metric.Metric.Histogram<number>

/**
 * The class of a service's Context key: `class X extends Service<X, Shape>()("id") {}`.
 *
 * @internal
 */
export const Service = <Self, Shape>() => <const Id extends string>(id: Id): Context.TagClass<Self, Id, Shape> =>
  Context.Tag(id)<Self, Shape>()

/**
 * `effect`'s success or failure as a value.
 *
 * @internal
 */
export const result: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<Result<A, E>, never, R> = Effect.either

/**
 * Folds a result.
 *
 * @internal
 */
export const fold = <A, E, B>(self: Result<A, E>, onFailure: (e: E) => B, onSuccess: (a: A) => B): B =>
  Either.isLeft(self) ? onFailure(self.left) : onSuccess(self.right)

/**
 * A failed result.
 *
 * @internal
 */
export const fail: <E>(e: E) => Result<never, E> = Either.left

/**
 * A decoder of `schema` that answers a result and maps what it decodes.
 *
 * @internal
 */
export const decoder = <I, T, B>(
  schema: Schema.Schema<T, I, never>,
  f: (value: T) => B
): (u: unknown) => Result<B, DecodeError> => {
  const decode = Schema.decodeUnknownEither(schema)
  return (u) => Either.map(decode(u), f)
}

/**
 * An encoder of `schema` that answers a result.
 *
 * @internal
 */
export const encoder = <T, I>(schema: Schema.Schema<T, I, never>): (u: unknown) => Result<I, DecodeError> =>
  Schema.encodeUnknownEither(schema)

/**
 * An effect from a callback API; `register` may return a finalizer run on interruption.
 *
 * @internal
 */
export const callback: <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void) => void | Effect.Effect<void>
) => Effect.Effect<A, E> = Effect.async

/**
 * A function that runs an effect as a promise under the context in force now.
 *
 * @internal
 */
export const promiseRunner: Effect.Effect<<A, E>(effect: Effect.Effect<A, E>) => Promise<A>> = Effect.map(
  Effect.runtime<never>(),
  (runtime) => Runtime.runPromise(runtime)
)

/**
 * The layer an effect builds.
 *
 * @internal
 */
export const unwrapLayer: <A, E1, R1, E, R>(
  effect: Effect.Effect<Layer.Layer<A, E1, R1>, E, R>
) => Layer.Layer<A, E | E1, R | R1> = Layer.unwrapEffect

/**
 * `effect` under the context `f` makes of the one it is given.
 *
 * @internal
 */
export const updateContext = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  f: (context: Context.Context<never>) => Context.Context<R>
): Effect.Effect<A, E> => Effect.mapInputContext(effect, f) as Effect.Effect<A, E>

/**
 * `effect` run at once, then again by `schedule`, each result an element of the stream.
 *
 * @internal
 */
export const repeatOnSchedule: <A, E, R, Out, R2>(
  effect: Effect.Effect<A, E, R>,
  schedule: ScheduleOf<Out, unknown, R2>
) => Stream.Stream<A, E, R | R2> = Stream.repeatEffectWithSchedule

/**
 * Each element through `f` with a state, emitting what `f` returns for it.
 *
 * @internal
 */
export const scan =
  <S, A, B>(initial: S, f: (state: S, a: A) => readonly [S, ReadonlyArray<B>]) =>
  <E, R>(self: Stream.Stream<A, E, R>): Stream.Stream<B, E, R> =>
    Stream.flattenIterables(Stream.mapAccum(self, initial, f))

/**
 * The environment setting `name`, if set.
 *
 * @internal
 */
export const optionalSetting = (name: string): Config.Config<Option.Option<string>> =>
  Config.option(Config.string(name))

/**
 * The secret setting `name`, redacted; missing or blank fails with a `ConfigError` that says `missing`.
 *
 * @internal
 */
export const requiredSecret = (name: string, missing: string): Config.Config<Redacted.Redacted<string>> =>
  Config.mapOrFail(
    optionalSetting(name),
    (value) =>
      Option.isSome(value) && value.value.trim() !== ""
        ? Either.right(Redacted.make(value.value))
        : Either.left(ConfigError.MissingData([name], missing))
  )

/**
 * A histogram of numbers with these bucket boundaries.
 *
 * @internal
 */
export const histogram = (name: string, description: string, boundaries: ReadonlyArray<number>): Histogram =>
  Metric.histogram(name, MetricBoundaries.fromIterable(boundaries), description)

/**
 * `metric` with these attributes (labels) on every update.
 *
 * @internal
 */
export const withAttributes = <M extends Counter | Histogram>(
  metric: M,
  attributes: Readonly<Record<string, string>>
): M =>
  Metric.taggedWithLabels(
    metric as Counter,
    Object.entries(attributes).map(([key, value]) => MetricLabel.make(key, value))
  ) as unknown as M

/**
 * The tag of the expected failure anywhere in `exit`'s cause, if it failed with one.
 *
 * @internal
 */
export const failureTag = <A>(exit: Exit.Exit<A, { readonly _tag: string }>): string | undefined =>
  exit._tag === "Failure" ? Option.getOrUndefined(Cause.failureOption(exit.cause))?._tag : undefined

/**
 * `effect`, with every expected failure handled by `f`.
 *
 * @internal
 */
export const catchAll: <A, E, R, A2, E2, R2>(
  effect: Effect.Effect<A, E, R>,
  f: (e: E) => Effect.Effect<A2, E2, R2>
) => Effect.Effect<A | A2, E2, R | R2> = Effect.catchAll

/**
 * A result as an effect.
 *
 * @internal
 */
export const fromResult = <A, E>(result: Result<A, E>): Effect.Effect<A, E> => result

/**
 * `effect`, with the defects `f` answers handled by what it answers; the others stay defects.
 *
 * @internal
 */
export const catchDefectIf = <A, E, R, A2, E2>(
  effect: Effect.Effect<A, E, R>,
  f: (defect: unknown) => Effect.Effect<A2, E2> | undefined
): Effect.Effect<A | A2, E | E2, R> => Effect.catchSomeDefect(effect, (defect) => Option.fromNullable(f(defect)))

/**
 * The first defect in `exit`'s cause, if any.
 *
 * @internal
 */
export const defectOf = <A, E>(exit: Exit.Exit<A, E>): unknown =>
  exit._tag === "Failure" ? Option.getOrUndefined(Cause.dieOption(exit.cause)) : undefined

/**
 * The service of `tag`, as an effect.
 *
 * @internal
 */
export const serviceOf = <I, S>(tag: Context.Tag<I, S>): Effect.Effect<S, never, I> => tag

/**
 * Span options that skip capturing a stack trace (a cost per call).
 *
 * @internal
 */
export const SPAN_WITHOUT_STACK = { captureStackTrace: false } as const

/**
 * One value per process, however many copies of the SDK are loaded (its ESM and CommonJS builds).
 *
 * @internal
 */
export const globalValue = <A>(key: string, make: () => A): A => GlobalValue.globalValue(Symbol.for(key), make)

/**
 * Effect's live clock, whose sleeps are host timers.
 *
 * @internal
 */
export const liveClock: Clock.Clock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * `effect`, failing with `onTimeout()` if it has not ended after `duration` on the fiber's clock.
 *
 * @internal
 */
export const timeoutTo = <A, E, R, E2>(
  effect: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> => Effect.timeoutFail(effect, { duration, onTimeout })

/**
 * {@link timeoutTo} under Effect's live clock, for a client that may ignore its abort signal, with one fiber
 * instead of two: the attempt runs in a fiber of its own, started at once (`Runtime.runFork`, where `Effect.fork`
 * would wait for the scheduler's next turn) and interrupted when a host timer fires first. Kept because it pays in
 * Effect 3: on `NodeHttpClient.layerUndici` provided directly, 685 µs of CPU per call against 860 µs with
 * `Effect.timeoutFail` (`npm run bench:quick`, same run, 2026-12-05); `strategyOf`'s tests show it engages.
 *
 * @internal
 */
export const racingHostTimer = <A, E, R, E2>(
  run: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Effect.runtime<R>(), (runtime) =>
    Effect.async<A, E | E2>((resume) => {
      let settled = false
      const timer = setTimeout(() => {
        settled = true
        fiber.unsafeInterruptAsFork(FiberId.none)
        resume(Effect.fail(onTimeout()))
      }, millis)
      const fiber = Runtime.runFork(runtime, run)
      fiber.addObserver((exit) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resume(exit)
      })
      return Effect.sync(() => {
        settled = true
        clearTimeout(timer)
        fiber.unsafeInterruptAsFork(FiberId.none)
      })
    }))

/**
 * A stream of every item of every page: `page` reads one page from a state and says where the next one starts,
 * if anywhere.
 *
 * @internal
 */
export const pages = <S, A, E, R>(
  start: S,
  page: (state: S) => Effect.Effect<readonly [ReadonlyArray<A>, Option.Option<S>], E, R>
): Stream.Stream<A, E, R> =>
  Stream.paginateChunkEffect(
    start,
    (state) => Effect.map(page(state), ([items, next]) => [Chunk.fromIterable(items), next])
  )
