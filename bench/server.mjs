// The loopback server every bench measures against: keep-alive, the documented /credits body for GET and, when
// given, a charge body for POST.
import * as Http from "node:http"

export const creditsBody = JSON.stringify({ data: { total_credits: 100.5, total_usage: 25.75 } })

/** Starts the server on a free port; resolves to its base URL and a `close`. */
export const serve = async (postBody = creditsBody) => {
  const server = Http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    request.resume()
    request.on("end", () => {
      const body = request.method === "POST" ? postBody : creditsBody
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
      response.end(body)
    })
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { base: `http://127.0.0.1:${server.address().port}/api/v1`, close: () => server.close() }
}
