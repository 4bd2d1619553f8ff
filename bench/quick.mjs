// A quicker look while working on the hot path: GET seq only, selected clients (BENCH_CLIENTS), same method
// as run.mjs (own process per client, alternating rounds, medians). Prints CPU µs/call and ratios to the floor
// (or to the first entry). An entry may set one environment variable for its child (`sdk-undici:NAME=1`), so
// two builds of one code path compare in one alternating run.
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { benchNode } from "./node.mjs"
import { serve } from "./server.mjs"

const exec = promisify(execFile)
const here = fileURLToPath(new URL(".", import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CALLS = Number(process.env.BENCH_CALLS ?? 4000)
const clients = (process.env.BENCH_CLIENTS ?? "fetch,official,floor,sdk-fetch,sdk-undici").split(",")
const { base, close } = await serve()
const samples = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const entry of round % 2 === 0 ? clients : [...clients].reverse()) {
    const [client, setting] = entry.split(":")
    const env = { ...process.env }
    if (setting !== undefined) {
      const [name, value] = setting.split("=")
      env[name] = value
    }
    const { stdout } = await exec(benchNode, [
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
close()
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const reference = median(samples.floor ?? samples[clients[0]])
for (const entry of clients) {
  const m = median(samples[entry])
  console.log(`${entry.padEnd(24)} ${m.toFixed(1).padStart(7)} µs/call  ×${(m / reference).toFixed(2)}`)
}
