// One measurement in its own process: node child.mjs <client> <base> <operation> <mode> <calls> <warmup>
// BENCH_V8_FLAGS: V8 flags for this child only (NODE_OPTIONS refuses most of them), e.g.
// `sdk-app-undici:BENCH_V8_FLAGS=--no-allocation-site-pretenuring` in `npm run bench:quick`.
import { setFlagsFromString } from "node:v8"

if (process.env.BENCH_V8_FLAGS) setFlagsFromString(process.env.BENCH_V8_FLAGS)
const [client, base, operation, mode, calls, warmup] = process.argv.slice(2)
const started = performance.now()
const key = "sk-or-v1-bench"
const modules = {
  fetch: () => import("./clients/fetch.mjs").then((m) => m.make(base, key)),
  official: () => import("./clients/official.mjs").then((m) => m.make(base, key)),
  floor: () => import("./clients/floor.mjs").then((m) => m.make(base, key)),
  "floor-undici": () => import("./clients/floor.mjs").then((m) => m.make(base, key, "undici")),
  "sdk-fetch": () => import("./clients/sdk.mjs").then((m) => m.make(base, key, "fetch")),
  "sdk-undici": () => import("./clients/sdk.mjs").then((m) => m.make(base, key, "undici")),
  "sdk-app-fetch": () => import("./clients/sdk.mjs").then((m) => m.make(base, key, "app-fetch")),
  "sdk-app-undici": () => import("./clients/sdk.mjs").then((m) => m.make(base, key, "app-undici")),
  // The Effect 4 edition's clients live in effect4/bench, so that they resolve Effect 4 from effect4/node_modules.
  floor4: () => import("../effect4/bench/clients/floor.mjs").then((m) => m.make(base, key)),
  "floor4-undici": () => import("../effect4/bench/clients/floor.mjs").then((m) => m.make(base, key, "undici")),
  "sdk4-fetch": () => import("../effect4/bench/clients/sdk.mjs").then((m) => m.make(base, key, "fetch")),
  "sdk4-undici": () => import("../effect4/bench/clients/sdk.mjs").then((m) => m.make(base, key, "undici")),
  "sdk4-app-fetch": () => import("../effect4/bench/clients/sdk.mjs").then((m) => m.make(base, key, "app-fetch")),
  "sdk4-app-undici": () => import("../effect4/bench/clients/sdk.mjs").then((m) => m.make(base, key, "app-undici"))
}
const made = await modules[client]()
const call = made[operation]
if (call === undefined) {
  process.stdout.write(JSON.stringify({ unsupported: true }))
  process.exit(0)
}
await call()
const coldStartMs = performance.now() - started

const run = async (n) => {
  if (mode === "seq") {
    for (let i = 0; i < n; i++) await call()
  } else {
    const workers = Number(mode.replace("conc", ""))
    await Promise.all(Array.from({ length: workers }, async () => {
      for (let i = 0; i < Math.ceil(n / workers); i++) await call()
    }))
  }
}
await run(Number(warmup))
const n = Number(calls)
const cpu = process.cpuUsage()
const wall = performance.now()
await run(n)
const used = process.cpuUsage(cpu)
const result = {
  cpuMicrosPerCall: (used.user + used.system) / n,
  wallMicrosPerCall: ((performance.now() - wall) * 1000) / n,
  coldStartMs,
  maxRssMiB: process.resourceUsage().maxRSS / 1024
}
process.stdout.write(JSON.stringify(result))
process.exit(0)
