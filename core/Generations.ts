/**
 * What one generation cost: `GET /generation`, with any key.
 *
 * @since 2.2.0
 */
import * as Effect from "effect/Effect"
import { decoder } from "./internal/effectKit.js"
import type { HttpClient } from "./internal/httpKit.js"
import { call, checked, type OperationError } from "./internal/operations.js"
import { statusError } from "./internal/response.js"
import * as spend from "./internal/spendSchemas.js"
import type { OpenRouterConfig } from "./OpenRouterConfig.js"
import type * as Schemas from "./Schemas.js"

/**
 * Everything {@link get} can fail with. A generation not recorded yet (they take a moment after the response)
 * fails with `NotFoundResponseError`.
 *
 * @since 2.2.0
 * @category models
 */
export type GenerationError = OperationError

const generationOperation = {
  name: "getGeneration",
  method: "GET",
  path: "/generation",
  decode: decoder(spend.GenerationResponse, (body) => body.data),
  statusError
} as const

const ID = /^gen-[0-9A-Za-z-]+$/

/**
 * One generation by its id (the `id` of a chat completion, `gen-…`): what it cost in all, what the upstream
 * provider charged, the cache discount, whether it was BYOK, its tokens.
 *
 * @example
 * ```ts
 * import { Generations } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const cost = Generations.get("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG").pipe(Effect.map((g) => g.totalCost))
 * ```
 * @since 2.2.0
 * @category operations
 */
export const get = (
  id: string
): Effect.Effect<Schemas.Generation, GenerationError, OpenRouterConfig | HttpClient.HttpClient> =>
  Effect.andThen(
    checked("getGeneration", [[
      "id",
      "a generation id: gen- followed by letters, digits or -, at most 128 characters",
      () => typeof id === "string" && id.length <= 128 && ID.test(id)
    ]]),
    Effect.suspend(() => call(generationOperation, { target: { query: { id } } }))
  )
