/**
 * The commands of the `openrouter-effect` bin, built with `effect/cli` on the SDK itself: the same client, errors
 * and retries as a program's. `cli(api)` takes the layer the API commands run on (the environment's key in the
 * bin, the emulator in tests); `emulator` and `--help` need none.
 *
 * @internal
 */
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Activity from "../../Activity.js"
import * as ApiKeys from "../../ApiKeys.js"
import * as Credits from "../../Credits.js"
import * as Generations from "../../Generations.js"
import * as Keys from "../../Keys.js"
import * as Monitor from "../../Monitor.js"
import type { OpenRouterConfig } from "../../OpenRouterConfig.js"
import * as OpenRouterEmulator from "../../OpenRouterEmulator.js"
import * as OpenRouterTest from "../../OpenRouterTest.js"
import type * as Schemas from "../../Schemas.js"
import { readRemaining } from "../remaining.js"
import { exitCodeOf } from "./exitCodes.js"
import * as Out from "./outputs.js"
import { barChart, layerName, money, type Paint, requests, table, when } from "./render.js"

/**
 * The end of a command with an exit code other than 0, once it has said why.
 *
 * @internal
 */
export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {}

/**
 * What the API commands run on.
 *
 * @internal
 */
export type Api = Layer.Layer<OpenRouterConfig | HttpClient.HttpClient, unknown>

/**
 * How a command's output looks: coloured or not.
 *
 * @internal
 */
export interface Look {
  readonly paint: Paint
}

const json = Flag.Boolean("json").pipe(
  Flag.withDefault(false),
  Flag.withDescription(`Print JSON (with "schemaVersion": ${Out.SCHEMA_VERSION}) instead of text`)
)

const print = <S extends Schema.Top>(
  schema: S,
  value: S["Type"],
  asJson: boolean,
  human: () => ReadonlyArray<string>
): Effect.Effect<void> =>
  Console.log(
    asJson
      ? JSON.stringify(
        Schema.encodeSync(Schema.toCodecJson(schema as unknown as Schema.Codec<unknown, unknown>))(value)
      )
      : human().join("\n")
  )

/** `effect`, with any failure said on standard error in the SDK's words and turned into its exit code. */
const handled = <A, R>(effect: Effect.Effect<A, unknown, R>): Effect.Effect<A, CliExit, R> =>
  Effect.catch(effect, (error) =>
    error instanceof CliExit
      ? Effect.fail(error)
      : Effect.andThen(
        Console.error(error instanceof Error ? error.message : String(error)),
        Effect.fail(new CliExit({ code: exitCodeOf(error) }))
      ))

const iso = (at: Date | null | undefined) => at === null || at === undefined ? null : at.toISOString()

const spendableJson = (now: Pick<ApiKeys.Spendable, "remaining" | "layer" | "scope" | "limit" | "resetsAt">) => ({
  remaining: now.remaining,
  layer: now.layer,
  scope: now.scope,
  limit: now.limit,
  resetsAt: iso(now.resetsAt)
})

const spendableLine = (look: Look, now: ApiKeys.Spendable) =>
  now.remaining === null
    ? `Spendable now  ${look.paint.yellow("no limit")}: nothing bounds this key`
    : `Spendable now  ${look.paint.bold(money(now.remaining))}  (${layerName(now.layer, now.scope)}${
      now.limit === null ? "" : ` of ${money(now.limit)}`
    }, resets ${when(now.resetsAt)})`

const statusOf = (look: Look, asJson: boolean) =>
  Effect.flatMap(ApiKeys.spendable, (now) => {
    const key = now.key
    const spent = { day: key.usageDaily, week: key.usageWeekly, month: key.usageMonthly, total: key.usage }
    const quota = key.freeModelDailyRequests ?? null
    return print(
      Out.Status,
      {
        schemaVersion: Out.SCHEMA_VERSION,
        spendable: spendableJson(now),
        key: { label: key.label, management: key.isManagementKey, spent },
        freeModelDailyRequests: quota,
        account: now.accountRemaining === undefined ? null : { remaining: now.accountRemaining }
      },
      asJson,
      () => [
        spendableLine(look, now),
        `Key            ${key.label} (${key.isManagementKey ? "management key" : "ordinary key"})`,
        `Spent          today ${money(spent.day)}, this week ${money(spent.week)}, this month ${money(spent.month)}`,
        ...(quota === null ? [] : [`Free models    ${quota.used} of ${quota.limit} requests today`]),
        ...(now.accountRemaining === undefined ? [] : [`Account        ${money(now.accountRemaining)} left`])
      ]
    )
  })

const listed = (key: Schemas.ApiKey) => ({
  hash: key.hash,
  name: key.name,
  label: key.label,
  disabled: key.disabled,
  limit: key.limit,
  limitRemaining: key.limitRemaining,
  limitReset: key.limitReset,
  spentThisMonth: key.usageMonthly
})

/** A threshold as the user writes it: dollars (`5`, `$5`) or a share of the binding limit (`10%`). */
const threshold = (text: string): Monitor.Threshold | undefined => {
  const share = /^(\d+(?:\.\d+)?)%$/.exec(text.trim())
  if (share !== null) return { share: Number(share[1]) / 100 }
  const dollars = /^\$?(\d+(?:\.\d+)?)$/.exec(text.trim())
  return dollars === null ? undefined : Number(dollars[1])
}

const badUsage = (message: string) => Effect.andThen(Console.error(message), Effect.fail(new CliExit({ code: 64 })))

const watchLine = (look: Look, event: typeof Out.WatchEvent.Type): string => {
  const at = event.at.slice(0, 19).replace("T", " ")
  const where = event.scope === null
    ? ""
    : ` (${layerName("budget", event.scope)}, resets ${
      when(event.resetsAt === null ? null : new Date(event.resetsAt))
    })`
  switch (event.event) {
    case "first-reading":
      return `${at}  ${money(event.remaining)} left${where}`
    case "changed":
      return `${at}  ${money(event.previous)} -> ${money(event.remaining)}`
    case "low":
      return look.paint.red(`${at}  LOW: ${money(event.remaining)} left, below ${money(event.threshold)}${where}`)
    case "recovered":
      return look.paint.green(`${at}  recovered: ${money(event.remaining)} left, at or above ${money(event.threshold)}`)
    case "unavailable":
      return look.paint.yellow(`${at}  unavailable: ${event.error ?? ""}`)
  }
}

const eventJson = (event: Monitor.BalanceEvent): typeof Out.WatchEvent.Type => {
  const base = {
    schemaVersion: Out.SCHEMA_VERSION,
    at: event.at.toISOString(),
    remaining: null,
    previous: null,
    threshold: null,
    scope: null,
    resetsAt: null,
    error: null
  } as const
  switch (event._tag) {
    case "Observed":
      return { ...base, event: "first-reading", remaining: event.remaining }
    case "Changed":
      return { ...base, event: "changed", remaining: event.remaining, previous: event.previous }
    case "Low":
    case "Recovered":
      return {
        ...base,
        event: event._tag === "Low" ? "low" : "recovered",
        remaining: event.remaining,
        threshold: event.threshold,
        scope: event.scope ?? null,
        resetsAt: iso(event.resetsAt)
      }
    case "Unavailable":
      return { ...base, event: "unavailable", error: event.error.message }
  }
}

/** Posts an alert to `url` as JSON: at most 3 retries, 10 s per attempt; a failure is said, never fatal. */
const postAlert = (url: string, body: typeof Out.WatchEvent.Type) =>
  HttpClient.HttpClient.pipe(
    Effect.flatMap((client) =>
      client.execute(HttpClientRequest.bodyJsonUnsafe(HttpClientRequest.post(url), body)).pipe(
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? Effect.void
            : Effect.fail(new Error(`the webhook answered ${response.status}`))
        ),
        Effect.scoped,
        Effect.timeout("10 seconds"),
        Effect.retry({ schedule: Schedule.exponential("500 millis"), times: 3 })
      )
    ),
    Effect.provide(FetchHttpClient.layer),
    Effect.catch((error) =>
      Console.error(
        `webhook ${new URL(url).origin}: not delivered (${error instanceof Error ? error.message : "failed"})`
      )
    )
  )

/**
 * The bin's command tree, its API commands running on `api`.
 *
 * @internal
 */
export const cli = (api: Api, look: Look) => {
  /** An API command's work: on `api`, its failures said and turned into exit codes. */
  const run = <A, R>(effect: Effect.Effect<A, unknown, R>) =>
    handled(Effect.provide(effect, api as Layer.Layer<OpenRouterConfig | HttpClient.HttpClient, unknown>))

  const status = Command.make("status", { json }, ({ json }) => run(statusOf(look, json))).pipe(
    Command.withDescription("What the key can spend now, which layer binds it and when it resets (the default)"),
    Command.withExamples([
      { command: "openrouter-effect status", description: "The answer, as text" },
      { command: "openrouter-effect status --json", description: "The same, as JSON" }
    ])
  )

  const balance = Command.make(
    "balance",
    { json },
    ({ json }) =>
      run(Effect.flatMap(Credits.getCredits, (credits) =>
        print(
          Out.Balance,
          {
            schemaVersion: Out.SCHEMA_VERSION,
            totalCredits: credits.totalCredits,
            totalUsage: credits.totalUsage,
            remaining: credits.remaining
          },
          json,
          () => [
            `Account  ${look.paint.bold(money(credits.remaining))} left of ${money(credits.totalCredits)} bought (${
              money(credits.totalUsage)
            } used)`
          ]
        )))
  ).pipe(
    Command.withDescription("The account's credits (needs a management key)"),
    Command.withExamples([{ command: "openrouter-effect balance --json", description: "Credits as JSON" }])
  )

  const key = Command.make("key", { json }, ({ json }) =>
    run(Effect.flatMap(ApiKeys.getCurrentKey, (current) => {
      const budgets = (current.budgets ?? []).map((budget) => ({
        scope: budget.scope,
        limit: budget.limitUsd,
        spent: budget.spendUsd,
        remaining: budget.remainingUsd,
        resetInterval: budget.resetInterval,
        resetsAt: iso(budget.resetsAt)
      }))
      return print(
        Out.Key,
        {
          schemaVersion: Out.SCHEMA_VERSION,
          label: current.label,
          management: current.isManagementKey,
          limit: current.limit,
          limitRemaining: current.limitRemaining,
          limitReset: current.limitReset,
          spent: {
            day: current.usageDaily,
            week: current.usageWeekly,
            month: current.usageMonthly,
            total: current.usage
          },
          budgets,
          expiresAt: iso(current.expiresAt)
        },
        json,
        () => [
          `Key      ${current.label} (${current.isManagementKey ? "management key" : "ordinary key"})`,
          `Limit    ${
            current.limit === null ? "none" : `${money(current.limitRemaining)} left of ${money(current.limit)}`
          }${current.limitReset === null ? "" : `, resets ${current.limitReset}`}`,
          ...table((current.budgets ?? []).map((b) => [
            `Budget   ${b.scope}`,
            `${money(b.remainingUsd)} left of ${money(b.limitUsd)}`,
            `resets ${when(b.resetsAt)}`
          ]))
        ]
      )
    }))).pipe(
      Command.withDescription("The key in use: its limit, budgets and spend"),
      Command.withExamples([{
        command: "openrouter-effect key --json",
        description: "Limit, budgets and spend as JSON"
      }])
    )

  const keysList = Command.make(
    "list",
    {
      json,
      includeDisabled: Flag.Boolean("include-disabled").pipe(Flag.withDefault(false)),
      includeExpired: Flag.Boolean("include-expired").pipe(Flag.withDefault(false))
    },
    ({ includeDisabled, includeExpired, json }) =>
      run(
        Effect.flatMap(Stream.runCollect(Keys.listAll({ includeDisabled, includeExpired })), (keys) =>
          print(Out.KeyList, { schemaVersion: Out.SCHEMA_VERSION, keys: keys.map(listed) }, json, () =>
            table([
              ["HASH", "NAME", "THIS MONTH", "LIMIT", "STATE"],
              ...keys.map((k) => [
                k.hash.slice(0, 12),
                k.name,
                money(k.usageMonthly),
                k.limit === null ? "none" : `${money(k.limitRemaining)} of ${money(k.limit)}`,
                k.disabled ? "disabled" : "active"
              ])
            ])))
      )
  ).pipe(
    Command.withDescription("Every key of the account (needs a management key)"),
    Command.withExamples([{
      command: "openrouter-effect keys list --include-disabled",
      description: "Disabled keys too"
    }])
  )

  const keysCreate = Command.make("create", {
    json,
    name: Flag.String("name").pipe(Flag.withDescription("The key's name")),
    limit: Flag.Finite("limit").pipe(Flag.optional, Flag.withDescription("A spending limit in US dollars")),
    reset: Flag.Literals("reset", ["daily", "weekly", "monthly"]).pipe(
      Flag.optional,
      Flag.withDescription("When the limit resets (midnight UTC; weeks start on Monday)")
    ),
    expires: Flag.String("expires").pipe(Flag.optional, Flag.withDescription("An ISO 8601 UTC time, with seconds")),
    externalUser: Flag.String("external-user").pipe(Flag.optional, Flag.withDescription("Your end user's id"))
  }, (options) =>
    run(Effect.flatMap(
      Keys.create({
        name: options.name,
        limit: Option.getOrUndefined(options.limit),
        limitReset: Option.getOrUndefined(options.reset),
        expiresAt: Option.getOrUndefined(options.expires),
        externalUser: Option.getOrUndefined(options.externalUser)
      }),
      (created) =>
        print(
          Out.CreatedKey,
          {
            schemaVersion: Out.SCHEMA_VERSION,
            key: Redacted.value(created.key),
            created: listed(created.apiKey)
          },
          options.json,
          () => [
            `Created "${created.apiKey.name}" (hash ${created.apiKey.hash}). The key, shown this once:`,
            Redacted.value(created.key)
          ]
        )
    ))).pipe(
      Command.withDescription("Create a key; it is printed once (needs a management key)"),
      Command.withExamples([{
        command: "openrouter-effect keys create --name \"user 42\" --limit 5 --reset weekly",
        description: "A key with its own $5 weekly budget"
      }])
    )

  const keysUpdate = Command.make("update", {
    json,
    hash: Argument.String("hash").pipe(Argument.withDescription("The key's hash (keys list)")),
    name: Flag.String("name").pipe(Flag.optional),
    limit: Flag.Finite("limit").pipe(Flag.optional),
    reset: Flag.Literals("reset", ["daily", "weekly", "monthly"]).pipe(Flag.optional),
    disable: Flag.Boolean("disable").pipe(Flag.withDefault(false)),
    enable: Flag.Boolean("enable").pipe(Flag.withDefault(false))
  }, (options) =>
    run(
      options.disable && options.enable
        ? badUsage("keys update: --disable and --enable together make no sense")
        : Effect.flatMap(
          Keys.update(options.hash, {
            name: Option.getOrUndefined(options.name),
            limit: Option.getOrUndefined(options.limit),
            limitReset: Option.getOrUndefined(options.reset),
            ...(options.disable ? { disabled: true } : options.enable ? { disabled: false } : {})
          }),
          (updated) =>
            print(Out.UpdatedKey, { schemaVersion: Out.SCHEMA_VERSION, updated: listed(updated) }, options.json, () => [
              `Updated "${updated.name}" (${updated.disabled ? "disabled" : "active"})`
            ])
        )
    )).pipe(
      Command.withDescription("Change a key (needs a management key)"),
      Command.withExamples([{
        command: "openrouter-effect keys update <hash> --limit 10 --reset monthly",
        description: "A new limit"
      }])
    )

  const keysRemove = Command.make("remove", {
    json,
    hash: Argument.String("hash").pipe(Argument.withDescription("The key's hash (keys list)"))
  }, ({ hash, json }) =>
    run(Effect.andThen(
      Keys.remove(hash),
      print(Out.RemovedKey, { schemaVersion: Out.SCHEMA_VERSION, removed: hash }, json, () => [`Removed ${hash}`])
    ))).pipe(
      Command.withDescription("Remove a key (needs a management key)"),
      Command.withExamples([{
        command: "openrouter-effect keys remove <hash>",
        description: "Requests with it fail from then on"
      }])
    )

  const keys = Command.make("keys").pipe(
    Command.withDescription("List, create, change and remove keys (needs a management key)"),
    Command.withSubcommands([keysList, keysCreate, keysUpdate, keysRemove])
  )

  const activity = Command.make("activity", {
    json,
    date: Flag.String("date").pipe(Flag.optional, Flag.withDescription("One UTC day of the last 30, YYYY-MM-DD"))
  }, (options) =>
    run(Effect.flatMap(
      Activity.get({ date: Option.getOrUndefined(options.date) }),
      (items) => {
        const all = Activity.total(items)
        const short = (t: Activity.Total) => ({ key: t.key, usage: t.usage, requests: t.requests })
        const days = Activity.totalBy(items, "day")
        const models = Activity.totalBy(items, "model").slice(0, 10)
        const providers = Activity.totalBy(items, "provider").slice(0, 10)
        return print(
          Out.ActivityReport,
          {
            schemaVersion: Out.SCHEMA_VERSION,
            total: all.usage,
            requests: all.requests,
            days: days.map(short),
            models: models.map(short),
            providers: providers.map(short)
          },
          options.json,
          () => [
            look.paint.bold(
              `Spend per day, last 30 completed UTC days: ${money(all.usage)}, ${requests(all.requests)}`
            ),
            ...barChart(days.map((d) => ({ label: d.key, value: d.usage })), 40, look.paint.green),
            "",
            look.paint.bold("Top models"),
            ...table(models.slice(0, 5).map((m) => [m.key, money(m.usage), requests(m.requests)])),
            "",
            look.paint.bold("Top providers"),
            ...table(providers.slice(0, 5).map((p) => [p.key, money(p.usage), requests(p.requests)]))
          ]
        )
      }
    ))).pipe(
      Command.withDescription("Spend over the last 30 days: a chart per day, top models and providers"),
      Command.withExamples([{
        command: "openrouter-effect activity --date 2026-10-05",
        description: "One UTC day only"
      }])
    )

  const generation = Command.make("generation", {
    json,
    id: Argument.String("id").pipe(Argument.withDescription("The generation's id (gen-…)"))
  }, ({ id, json }) =>
    run(Effect.flatMap(Generations.get(id), (g) =>
      print(
        Out.GenerationReport,
        {
          schemaVersion: Out.SCHEMA_VERSION,
          id: g.id,
          model: g.model,
          provider: g.providerName,
          totalCost: g.totalCost,
          upstreamInferenceCost: g.upstreamInferenceCost,
          cacheDiscount: g.cacheDiscount,
          byok: g.isByok,
          promptTokens: g.tokensPrompt,
          completionTokens: g.tokensCompletion,
          createdAt: g.createdAt
        },
        json,
        () => [
          `${g.id}  ${g.model}${g.providerName === null ? "" : ` via ${g.providerName}`}`,
          `Cost     ${look.paint.bold(money(g.totalCost))}${
            g.isByok ? ` (BYOK, upstream ${money(g.upstreamInferenceCost)})` : ""
          }${g.cacheDiscount === null ? "" : `, cache discount ${money(g.cacheDiscount)}`}`,
          `Tokens   ${g.tokensPrompt ?? "-"} in, ${g.tokensCompletion ?? "-"} out`
        ]
      )))).pipe(
      Command.withDescription("What one generation cost"),
      Command.withExamples([{
        command: "openrouter-effect generation gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG",
        description: "Its cost and tokens"
      }])
    )

  const source = Flag.Literals("source", ["key", "account"]).pipe(
    Flag.withDefault("key" as const),
    Flag.withDescription(
      "key (the default): what bounds the key, any key may read it; account: the balance (a management key)"
    )
  )

  const guard = Command.make("guard", {
    json,
    source,
    min: Flag.Finite("min").pipe(Flag.withDescription("The least amount, in US dollars, that must be left"))
  }, (options) =>
    run(Effect.gen(function*() {
      if (!(options.min >= 0)) return yield* badUsage("guard: --min must be 0 or more US dollars")
      // As a SpendGuard reads it: a key that nothing it may read bounds fails (77), never passes unguarded.
      const now = yield* readRemaining(options.source)
      const ok = now.remaining >= options.min
      yield* print(
        Out.GuardReport,
        {
          schemaVersion: Out.SCHEMA_VERSION,
          ok,
          minimum: options.min,
          spendable: spendableJson(now)
        },
        options.json,
        () => [
          ok
            ? `OK: ${money(now.remaining)} left (${layerName(now.layer, now.scope)}), at least ${money(options.min)}`
            : `Below the minimum: ${money(now.remaining)} left (${layerName(now.layer, now.scope)}, resets ${
              when(now.resetsAt)
            }), less than ${money(options.min)}`
        ]
      )
      if (!ok) return yield* Effect.fail(new CliExit({ code: 1 }))
    }))).pipe(
      Command.withDescription("Exit 0 when at least --min is left, 1 when not: for cron jobs and CI"),
      Command.withExamples([
        { command: "openrouter-effect guard --min 5 || exit 1", description: "Stop a job when less than $5 is left" }
      ])
    )

  const watch = Command.make("watch", {
    json,
    source,
    every: Flag.Int("every").pipe(
      Flag.withDefault(300),
      Flag.withDescription("Seconds between readings (default: 300)")
    ),
    low: Flag.String("low").pipe(Flag.optional, Flag.withDescription("Alert below this: dollars (5) or a share (10%)")),
    recover: Flag.String("recover").pipe(Flag.optional, Flag.withDescription("Recovered at or above this")),
    webhook: Flag.String("webhook").pipe(Flag.optional, Flag.withDescription("POST each alert there as JSON"))
  }, (options) =>
    run(Effect.gen(function*() {
      const low = Option.map(options.low, threshold)
      const recover = Option.map(options.recover, threshold)
      if (Option.isSome(low) && low.value === undefined) {
        return yield* badUsage("watch: --low is dollars (5) or a share (10%)")
      }
      if (Option.isSome(recover) && recover.value === undefined) {
        return yield* badUsage("watch: --recover is dollars (5) or a share (10%)")
      }
      if (!(options.every >= 1)) return yield* badUsage("watch: --every is 1 second or more")
      const webhook = Option.getOrUndefined(options.webhook)
      if (webhook !== undefined && !/^https?:\/\/\S+$/.test(webhook)) {
        return yield* badUsage("watch: --webhook is an http(s) URL")
      }
      yield* Stream.runForEach(
        Monitor.watchBalance({
          source: options.source,
          schedule: Schedule.spaced(Duration.seconds(options.every)),
          ...(Option.isSome(low) && low.value !== undefined ? { low: low.value } : {}),
          ...(Option.isSome(recover) && recover.value !== undefined ? { recover: recover.value } : {})
        }),
        (event) => {
          const line = eventJson(event)
          const alert = line.event === "low" || line.event === "recovered" || line.event === "unavailable"
          return Effect.andThen(
            Console.log(options.json ? JSON.stringify(line) : watchLine(look, line)),
            webhook !== undefined && alert ? postAlert(webhook, line) : Effect.void
          )
        }
      )
    }))).pipe(
      Command.withDescription("Poll and print one line per event (first reading, change, low, recovered, unavailable)"),
      Command.withExamples([
        { command: "openrouter-effect watch --every 60 --low 10%", description: "Alert below a tenth of the limit" },
        { command: "openrouter-effect watch --json --webhook https://example.com/hook", description: "JSON lines" }
      ])
    )

  const emulator = Command.make("emulator", {
    json,
    port: Flag.Int("port").pipe(Flag.withDefault(0), Flag.withDescription("The loopback port (default: any free one)"))
  }, ({ json, port }) =>
    handled(Effect.scoped(Effect.gen(function*() {
      const running = yield* OpenRouterEmulator.serve({ port })
      yield* print(
        Out.EmulatorReport,
        {
          schemaVersion: Out.SCHEMA_VERSION,
          baseUrl: running.url,
          managementKey: OpenRouterTest.managementKey,
          ordinaryKey: OpenRouterTest.ordinaryKey
        },
        json,
        () => [
          `The OpenRouter emulator listens on ${running.url} (Ctrl-C ends it). Try:`,
          `  export OPENROUTER_BASE_URL=${running.url}`,
          `  export OPENROUTER_API_KEY=${OpenRouterTest.managementKey}   # or ${OpenRouterTest.ordinaryKey}`,
          "  openrouter-effect status"
        ]
      )
      return yield* Effect.never
    })))).pipe(
      Command.withDescription("Serve the embedded emulator on loopback: try everything without a key"),
      Command.withExamples([{ command: "openrouter-effect emulator --port 8788", description: "On a fixed port" }])
    )

  return Command.make("openrouter-effect", { json }, ({ json }) => run(statusOf(look, json))).pipe(
    Command.withDescription(
      "Watch your OpenRouter spend from a shell. The key comes from OPENROUTER_API_KEY only (never a flag)."
    ),
    Command.withExamples([
      { command: "export OPENROUTER_API_KEY=sk-or-v1-...", description: "The key, from the environment" },
      { command: "openrouter-effect", description: "What the key can spend now (status)" },
      { command: "openrouter-effect guard --min 5", description: "Exit 1 when less than $5 is left" }
    ]),
    Command.withSubcommands([status, balance, key, keys, activity, generation, watch, guard, emulator])
  )
}

/**
 * `run`, ended with its exit code: 0, a `CliExit`'s code, or the code of what escaped (a parse error: 64).
 *
 * @internal
 */
export const withExitCode = <R>(run: Effect.Effect<void, unknown, R>): Effect.Effect<number, never, R> =>
  run.pipe(
    Effect.as(0),
    Effect.catch((error) => Effect.succeed(error instanceof CliExit ? error.code : exitCodeOf(error)))
  )
