import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

export type Answer = Response | Effect.Effect<Response, HttpClientError.HttpClientError>

export interface Memory {
  readonly layer: Layer.Layer<HttpClient.HttpClient>
  readonly requests: Array<{ readonly request: HttpClientRequest.HttpClientRequest; readonly url: URL }>
}

/** An in-memory `HttpClient` that answers every request with `respond` and records what it saw. */
export const memory = (respond: (request: HttpClientRequest.HttpClientRequest, url: URL) => Answer): Memory => {
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

/** An in-memory client that gives the scripted answers in turn, then repeats the last. */
export const scripted = (...answers: ReadonlyArray<(request: HttpClientRequest.HttpClientRequest) => Answer>) => {
  let next = 0
  return memory((request) => answers[Math.min(next++, answers.length - 1)]!(request))
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

/** The transport failure of a connection that was refused: the request never left. */
export const refused = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.fail(
    new HttpClientError.RequestError({
      request,
      reason: "Transport",
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" })
    })
  )
