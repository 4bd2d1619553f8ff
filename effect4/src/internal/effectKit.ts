/**
 * What Effect 4 renamed in `Effect`, `Context`, `Layer`, `Stream`, `Schedule`, `Metric` and `Either`/`Result`, under
 * one name, for the modules written once in `core/`. The Effect 3 edition's `internal/effectKit.ts` gives the same
 * names its own way.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result_ from "effect/Result"
import type * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** @internal */
export type Result<A, E> = Result_.Result<A, E>

/** @internal */
export type DecodeError = Schema.SchemaError

/** @internal */
export type ConfigFailure = Config.ConfigError

/** @internal */
export type DurationInput = Duration.Input

/** @internal */
export type ScheduleOf<Out, In = unknown, R = never> = Schedule.Schedule<Out, In, never, R>

/** @internal */
export type Counter = Metric.Counter<number>

/** @internal */
export type Histogram = Metric.Histogram<number>

/**
 * The class of a service's Context key: `class X extends Service<X, Shape>()("id") {}`.
 *
 * @internal
 */
export const Service = <Self, Shape>() => <const Id extends string>(id: Id): Context.ServiceClass<Self, Id, Shape> =>
  Context.Service<Self, Shape>()(id)

/**
 * `effect`'s success or failure as a value.
 *
 * @internal
 */
export const result: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<Result<A, E>, never, R> = Effect.result

/**
 * Folds a result.
 *
 * @internal
 */
export const fold = <A, E, B>(self: Result<A, E>, onFailure: (e: E) => B, onSuccess: (a: A) => B): B =>
  Result_.isFailure(self) ? onFailure(self.failure) : onSuccess(self.success)

/**
 * A failed result.
 *
 * @internal
 */
export const fail: <E>(e: E) => Result<never, E> = Result_.fail

/**
 * A decoder of `schema` that answers a result and maps what it decodes.
 *
 * @internal
 */
export const decoder = <T, B>(
  schema: Schema.Decoder<T>,
  f: (value: T) => B
): (u: unknown) => Result<B, DecodeError> => {
  const decode = Schema.decodeUnknownResult(schema)
  return (u) => Result_.map(decode(u), f)
}

/**
 * An encoder of `schema` that answers a result.
 *
 * @internal
 */
export const encoder = <I>(schema: Schema.Encoder<I>): (u: unknown) => Result<I, DecodeError> =>
  Schema.encodeUnknownResult(schema)

/**
 * An effect from a callback API; `register` may return a finalizer run on interruption.
 *
 * @internal
 */
export const callback = <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void) => void | Effect.Effect<void>
): Effect.Effect<A, E> => Effect.callback<A, E>(register)

/**
 * A function that runs an effect as a promise under the context in force now.
 *
 * @internal
 */
export const promiseRunner: Effect.Effect<<A, E>(effect: Effect.Effect<A, E>) => Promise<A>> = Effect.map(
  Effect.context<never>(),
  (context) => Effect.runPromiseWith(context)
)

/**
 * The layer an effect builds.
 *
 * @internal
 */
export const unwrapLayer: <A, E1, R1, E, R>(
  effect: Effect.Effect<Layer.Layer<A, E1, R1>, E, R>
) => Layer.Layer<A, E | E1, R | R1> = Layer.unwrap

/**
 * `effect` under the context `f` makes of the one it is given.
 *
 * @internal
 */
export const updateContext = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  f: (context: Context.Context<never>) => Context.Context<R>
): Effect.Effect<A, E> => Effect.updateContext(effect, f) as Effect.Effect<A, E>

/**
 * `effect` run at once, then again by `schedule`, each result an element of the stream.
 *
 * @internal
 */
export const repeatOnSchedule: <A, E, R, Out, R2>(
  effect: Effect.Effect<A, E, R>,
  schedule: ScheduleOf<Out, unknown, R2>
) => Stream.Stream<A, E, R | R2> = Stream.fromEffectSchedule

/**
 * Each element through `f` with a state, emitting what `f` returns for it.
 *
 * @internal
 */
export const scan =
  <S, A, B>(initial: S, f: (state: S, a: A) => readonly [S, ReadonlyArray<B>]) =>
  <E, R>(self: Stream.Stream<A, E, R>): Stream.Stream<B, E, R> => Stream.mapAccum(self, () => initial, f)

/**
 * The environment setting `name`, if set.
 *
 * @internal
 */
export const optionalSetting = (name: string): Config.Config<Option.Option<string>> =>
  Config.option(Config.String(name))

/**
 * The secret setting `name`, redacted; missing or blank fails with a `ConfigError` that says `missing`.
 *
 * @internal
 */
export const requiredSecret = (name: string, missing: string): Config.Config<Redacted.Redacted<string>> =>
  Config.flatMap(
    optionalSetting(name),
    (value) =>
      Option.isSome(value) && value.value.trim() !== ""
        ? Config.succeed(Redacted.make(value.value))
        : Config.fail(new ConfigProvider.SourceError({ message: missing }))
  )

/**
 * A histogram of numbers with these bucket boundaries.
 *
 * @internal
 */
export const histogram = (name: string, description: string, boundaries: ReadonlyArray<number>): Histogram =>
  Metric.histogram(name, { description, boundaries })

/**
 * `metric` with these attributes (labels) on every update.
 *
 * @internal
 */
export const withAttributes = <M extends Counter | Histogram>(
  metric: M,
  attributes: Readonly<Record<string, string>>
): M => Metric.withAttributes(metric as Counter, attributes) as unknown as M

/**
 * The tag of the expected failure anywhere in `exit`'s cause, if it failed with one.
 *
 * @internal
 */
export const failureTag = <A>(exit: Exit.Exit<A, { readonly _tag: string }>): string | undefined =>
  Option.getOrUndefined(Exit.findErrorOption(exit))?._tag

/**
 * `effect`, with every expected failure handled by `f`.
 *
 * @internal
 */
export const catchAll: <A, E, R, A2, E2, R2>(
  effect: Effect.Effect<A, E, R>,
  f: (e: E) => Effect.Effect<A2, E2, R2>
) => Effect.Effect<A | A2, E2, R | R2> = Effect.catch

/**
 * A result as an effect.
 *
 * @internal
 */
export const fromResult: <A, E>(result: Result<A, E>) => Effect.Effect<A, E> = Effect.fromResult

/**
 * `effect`, with the defects `f` answers handled by what it answers; the others stay defects.
 *
 * @internal
 */
export const catchDefectIf = <A, E, R, A2, E2>(
  effect: Effect.Effect<A, E, R>,
  f: (defect: unknown) => Effect.Effect<A2, E2> | undefined
): Effect.Effect<A | A2, E | E2, R> => Effect.catchDefect(effect, (defect) => f(defect) ?? Effect.die(defect))

/**
 * The first defect in `exit`'s cause, if any.
 *
 * @internal
 */
export const defectOf = <A, E>(exit: Exit.Exit<A, E>): unknown =>
  exit._tag === "Failure" ? Result_.getOrUndefined(Cause.findDefect(exit.cause)) : undefined

/**
 * The service of `tag`, as an effect.
 *
 * @internal
 */
export const serviceOf: <I, S>(tag: Context.Key<I, S>) => Effect.Effect<S, never, I> = Effect.service

/**
 * Span options that skip capturing a stack trace (`Effect.useSpan` captures none in Effect 4).
 *
 * @internal
 */
export const SPAN_WITHOUT_STACK = {} as const

/**
 * One value per process (Effect 4's edition is ESM only, so loaded once).
 *
 * @internal
 */
export const globalValue = <A>(_key: string, make: () => A): A => make()

/**
 * Effect's live clock (a `Context.Reference` default, made once), whose sleeps are host timers.
 *
 * @internal
 */
export const liveClock: Clock.Clock = Context.get(Context.empty(), Clock.Clock)

/**
 * `effect`, failing with `onTimeout()` if it has not ended after `duration` on the fiber's clock.
 *
 * @internal
 */
export const timeoutTo = <A, E, R, E2>(
  effect: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> => Effect.timeoutOrElse(effect, { duration, orElse: () => Effect.fail(onTimeout()) })

/**
 * In Effect 3, a race of the attempt against a host timer in one fiber; in Effect 4 the bench shows no gain over
 * {@link timeoutTo}, which it is.
 *
 * @internal
 */
export const racingHostTimer = <A, E, R, E2>(
  run: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> => timeoutTo(run, Duration.millis(millis), onTimeout)

/**
 * A stream of every item of every page: `page` reads one page from a state and says where the next one starts,
 * if anywhere.
 *
 * @internal
 */
export const pages = <S, A, E, R>(
  start: S,
  page: (state: S) => Effect.Effect<readonly [ReadonlyArray<A>, Option.Option<S>], E, R>
): Stream.Stream<A, E, R> => Stream.paginate(start, page)
