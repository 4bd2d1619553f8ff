// How soon the bin answers: `openrouter-effect status --json` as a process, against the emulator on loopback,
// beside a plain `node` script making the same request with fetch and beside the official SDK. Rounds alternate
// the order; the figures are medians of wall time, and the ratio is against the plain script of the same run.
//
//   npm run bench            (builds first)   ROUNDS=21 node bench/cli.mjs
import { spawn, spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const BIN = here("../dist/openrouter-effect.mjs")
const ROUNDS = Number(process.env.ROUNDS ?? 15)

const emulator = spawn(process.execPath, [BIN, "emulator", "--json"], { stdio: ["ignore", "pipe", "inherit"] })
const baseUrl = await new Promise((resolve) => {
  emulator.stdout.once("data", (chunk) => resolve(JSON.parse(String(chunk)).baseUrl))
})
const env = { ...process.env, OPENROUTER_BASE_URL: baseUrl, OPENROUTER_API_KEY: "sk-or-v1-emulator-ordinary" }

const clients = {
  "plain fetch script": [here("plain-status.mjs")],
  "openrouter-effect status --json": [BIN, "status", "--json"],
  "official SDK (@openrouter/sdk)": [here("official-status.mjs")]
}

const time = (args) => {
  const start = performance.now()
  const ran = spawnSync(process.execPath, args, { env, encoding: "utf8" })
  const ms = performance.now() - start
  if (ran.status !== 0) throw new Error(`${args.join(" ")} exited ${ran.status}: ${ran.stderr}`)
  return ms
}

const samples = Object.fromEntries(Object.keys(clients).map((name) => [name, []]))
for (const args of Object.values(clients)) time(args) // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  const names = Object.keys(clients)
  const order = names.slice(round % names.length).concat(names.slice(0, round % names.length))
  for (const name of order) samples[name].push(time(clients[name]))
}
emulator.kill()

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const floor = median(samples["plain fetch script"])
const rows = Object.entries(samples).map(([name, xs]) => ({
  client: name,
  medianMs: Math.round(median(xs)),
  ratio: Math.round((median(xs) / floor) * 100) / 100
}))
console.log(`cold start, ${ROUNDS} alternating rounds, Node ${process.version}`)
console.table(rows)
mkdirSync(here("../reports"), { recursive: true })
writeFileSync(
  here("../reports/cli-bench.json"),
  JSON.stringify({ rounds: ROUNDS, node: process.version, rows }, null, 2)
)
