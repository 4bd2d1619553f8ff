// A quicker look while working on the hot path: GET seq only, selected clients (BENCH_CLIENTS), same method
// as run.mjs (own process per client, alternating rounds, medians). Prints CPU µs/call and ratios to the floor
// (or to the first entry). An entry may set one environment variable for its child (`sdk-undici:NAME=1`), so
// two builds of one code path compare in one alternating run.
import { execFile } from "node:child_process"
import * as Http from "node:http"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const exec = promisify(execFile)
const here = fileURLToPath(new URL(".", import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CALLS = Number(process.env.BENCH_CALLS ?? 4000)
const clients = (process.env.BENCH_CLIENTS ?? "fetch,official,floor,sdk-fetch,sdk-undici").split(",")
const body = JSON.stringify({ data: { total_credits: 100.5, total_usage: 25.75 } })
const server = Http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume()
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    response.end(body)
  })
})
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
const base = `http://127.0.0.1:${server.address().port}/api/v1`
const samples = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const entry of round % 2 === 0 ? clients : [...clients].reverse()) {
    const [client, setting] = entry.split(":")
    const env = { ...process.env }
    if (setting !== undefined) {
      const [name, value] = setting.split("=")
      env[name] = value
    }
    const { stdout } = await exec(process.execPath, [
      `${here}child.mjs`,
      client,
      base,
      "get",
      "seq",
      String(CALLS),
      "1000"
    ], { env })
    ;(samples[entry] ??= []).push(JSON.parse(stdout).cpuMicrosPerCall)
  }
}
server.close()
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const reference = median(samples.floor ?? samples[clients[0]])
for (const entry of clients) {
  const m = median(samples[entry])
  console.log(`${entry.padEnd(24)} ${m.toFixed(1).padStart(7)} µs/call  ×${(m / reference).toFixed(2)}`)
}
