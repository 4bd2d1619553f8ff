import { HttpClient, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

export interface Memory {
  readonly layer: Layer.Layer<HttpClient.HttpClient>
  readonly requests: Array<{ readonly request: HttpClientRequest.HttpClientRequest; readonly url: URL }>
}

/** An in-memory `HttpClient` that answers every request with `respond` and records what it saw. */
export const memory = (
  respond: (request: HttpClientRequest.HttpClientRequest, url: URL) => Effect.Effect<Response> | Response
): Memory => {
  const requests: Memory["requests"] = []
  const client = HttpClient.make((request, url) => {
    requests.push({ request, url })
    const answer = respond(request, url)
    return Effect.map(
      Effect.isEffect(answer) ? answer : Effect.succeed(answer),
      (response) => HttpClientResponse.fromWeb(request, response)
    )
  })
  return { layer: Layer.succeed(HttpClient.HttpClient, client), requests }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })
