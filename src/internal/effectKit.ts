/**
 * What Effect 4 renamed in `Effect`, `Context`, `Layer`, `Stream`, `Schedule`, `Metric` and `Either`/`Result`, under
 * one name, for the modules written once in `core/`. The Effect 4 edition's `internal/effectKit.ts` gives the same
 * names its own way.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
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
export type Gauge = Metric.Metric.Gauge<number>

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
 * A successful result.
 *
 * @internal
 */
export const succeed: <A>(a: A) => Result<A, never> = Either.right

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
