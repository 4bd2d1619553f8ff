import { describe, expectTypeOf, it } from "@effect/vitest"
import type { Layer, Scope, Stream } from "effect"
import { Effect, Schedule } from "effect"
import {
  ApiKeys,
  Credits,
  Errors,
  HttpLayer,
  Monitor,
  OpenRouterConfig,
  Retry,
  type Schemas,
  SpendGuard
} from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"
import type { Client, ConfigFailure, NodeLayerFailure } from "../support/seam.js"

// Checked by `tsc` in `npm test`: a wrong type here fails the typecheck, not a runtime assertion.

type Requirements = OpenRouterConfig.OpenRouterConfig | Client
const charge = Credits.createCoinbaseCharge({ bearer: "b" }, {
  amount: 1,
  sender: "0x1234567890123456789012345678901234567890",
  chainId: 1
})

describe("the A, E and R of every operation", () => {
  it("getCredits", () => {
    expectTypeOf(Credits.getCredits).toEqualTypeOf<
      Effect.Effect<Schemas.CreditBalance, Errors.GetCreditsError, Requirements>
    >()
  })

  it("createCoinbaseCharge", () => {
    expectTypeOf(charge).toEqualTypeOf<
      Effect.Effect<Schemas.CoinbaseCharge, Errors.CreateCoinbaseChargeError, Requirements>
    >()
    expectTypeOf<Errors.CreateCoinbaseChargeError>().toEqualTypeOf<Errors.GetCreditsError | Errors.GoneResponseError>()
  })

  it("getCurrentKey", () => {
    expectTypeOf(ApiKeys.getCurrentKey).toEqualTypeOf<
      Effect.Effect<Schemas.CurrentKey, Errors.GetCurrentKeyError, Requirements>
    >()
  })
})

describe("monitoring and guards", () => {
  it("a watch fails only with the errors no retry fixes, and needs the schedule's context", () => {
    expectTypeOf(Monitor.watchBalance()).toEqualTypeOf<
      Stream.Stream<Monitor.BalanceEvent, Monitor.WatchError, Requirements>
    >()
    expectTypeOf<Monitor.WatchError["_tag"]>().toEqualTypeOf<
      "UnauthorizedResponseError" | "ForbiddenResponseError" | "RequestValidationError" | "NoSpendingLimitError"
    >()
  })

  it("a guard fails with the refusal, the read's errors or an unbounded key, and catchTag narrows", () => {
    expectTypeOf(SpendGuard.require(1)).toEqualTypeOf<
      Effect.Effect<
        void,
        Errors.InsufficientCreditsError | Errors.GetCreditsError | Errors.NoSpendingLimitError,
        SpendGuard.SpendGuard
      >
    >()
    const handled = SpendGuard.require(1).pipe(
      Effect.catchTag("InsufficientCreditsError", (e) => Effect.succeed(e.remaining))
    )
    expectTypeOf(handled).toEqualTypeOf<
      Effect.Effect<number | void, Errors.GetCreditsError | Errors.NoSpendingLimitError, SpendGuard.SpendGuard>
    >()
    expectTypeOf(SpendGuard.make()).toEqualTypeOf<
      Effect.Effect<SpendGuard.Service, Errors.RequestValidationError, Requirements>
    >()
  })
})

describe("the layers", () => {
  it("transports and settings", () => {
    expectTypeOf(HttpLayer.layer).toEqualTypeOf<Layer.Layer<Client>>()
    expectTypeOf(NodeLayer.layer).toEqualTypeOf<Layer.Layer<Client, NodeLayerFailure>>()
    expectTypeOf(HttpLayer.layerFromEnv).toEqualTypeOf<Layer.Layer<Requirements, ConfigFailure>>()
    expectTypeOf(NodeLayer.layerFromEnv).toEqualTypeOf<Layer.Layer<Requirements, ConfigFailure | NodeLayerFailure>>()
    expectTypeOf(OpenRouterConfig.layer({ apiKey: "k" })).toEqualTypeOf<
      Layer.Layer<OpenRouterConfig.OpenRouterConfig>
    >()
    expectTypeOf(OpenRouterConfig.layerConfig).toEqualTypeOf<
      Layer.Layer<OpenRouterConfig.OpenRouterConfig, ConfigFailure>
    >()
    expectTypeOf(OpenRouterConfig.layerConfigClient).toEqualTypeOf<
      Layer.Layer<OpenRouterConfig.OpenRouterConfig, ConfigFailure, Client>
    >()
    expectTypeOf(OpenRouterConfig.layerClient({ apiKey: "k" })).toEqualTypeOf<
      Layer.Layer<OpenRouterConfig.OpenRouterConfig, never, Client>
    >()
  })

  it("the test kit", () => {
    expectTypeOf(OpenRouterTest.layer()).toEqualTypeOf<
      Layer.Layer<Client | OpenRouterTest.Emulator | OpenRouterConfig.OpenRouterConfig>
    >()
    expectTypeOf(OpenRouterEmulator.serve()).toEqualTypeOf<
      Effect.Effect<OpenRouterEmulator.Running, OpenRouterEmulator.ServeError, Scope.Scope>
    >()
  })
})

describe("catchTag narrows the error channel", () => {
  it("getCredits without the 403", () => {
    const handled = Credits.getCredits.pipe(Effect.catchTag("ForbiddenResponseError", () => Effect.succeed(null)))
    expectTypeOf(handled).toEqualTypeOf<
      Effect.Effect<
        Schemas.CreditBalance | null,
        Exclude<Errors.GetCreditsError, Errors.ForbiddenResponseError>,
        Requirements
      >
    >()
    // @ts-expect-error getCredits never fails with GoneResponseError: there is no such tag to catch
    Credits.getCredits.pipe(Effect.catchTag("GoneResponseError", () => Effect.void))
  })
})

describe("retry schedules take the errors of the calls they wrap", () => {
  const forGetCredits: Schedule.Schedule<number, Errors.GetCreditsError> = Schedule.recurs(2)
  const forAnything: Schedule.Schedule<number, unknown> = Schedule.recurs(2)
  const forOthers: Schedule.Schedule<number, { readonly _tag: "Other" }> = Schedule.recurs(2)

  it("a schedule over the operation's own error, or a supertype of it, is accepted", () => {
    expectTypeOf(Credits.getCredits.pipe(Retry.withSchedule(forGetCredits))).toEqualTypeOf(Credits.getCredits)
    expectTypeOf(Retry.withSchedule(Credits.getCredits, forGetCredits)).toEqualTypeOf(Credits.getCredits)
    expectTypeOf(charge.pipe(Retry.withSchedule(forAnything))).toEqualTypeOf(charge)
    expectTypeOf(charge.pipe(Retry.withSchedule(Retry.defaultPostSchedule))).toEqualTypeOf(charge)
    const composed = Effect.zip(Credits.getCredits, Effect.fail("mine" as const))
    expectTypeOf(composed.pipe(Retry.withSchedule(forGetCredits))).toEqualTypeOf(composed)
  })

  it("a schedule that cannot see every error of the call is refused", () => {
    // @ts-expect-error createCoinbaseCharge can also fail with GoneResponseError, which this schedule cannot see
    charge.pipe(Retry.withSchedule(forGetCredits))
    // @ts-expect-error a schedule over someone else's errors
    Credits.getCredits.pipe(Retry.withSchedule(forOthers))
  })

  it("withServerHints keeps the schedule's output, as in the other edition", () => {
    expectTypeOf(Retry.withServerHints(Schedule.spaced("1 second"))).toEqualTypeOf<
      Schedule.Schedule<number, Errors.OpenRouterError>
    >()
  })
})

describe("guards", () => {
  it("isOpenRouterError narrows unknown", () => {
    const u: unknown = null
    if (Errors.isOpenRouterError(u)) expectTypeOf(u).toEqualTypeOf<Errors.OpenRouterError>()
  })
})
