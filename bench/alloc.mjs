// Bytes allocated per GET call, by client: V8's sampling heap profiler, counting objects the garbage collector
// already took. Unlike CPU time, this does not depend on what else the machine is doing, so it can guide work
// on the hot path while the machine is busy (`npm run bench` still decides). Usage:
//   BENCH_CLIENTS=floor-undici,sdk-undici,sdk-app-undici node bench/alloc.mjs
// The Effect 4 edition's clients (floor4, floor4-undici, sdk4-fetch, sdk4-undici) need its `npm ci` and build.
import { execFile } from "node:child_process"
import { Session } from "node:inspector/promises"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { benchNode } from "./node.mjs"
import { serve } from "./server.mjs"

const CALLS = Number(process.env.BENCH_CALLS ?? 3000)

const measure = async (client, base) => {
  // floor4* and sdk4-* are the Effect 4 edition's clients (effect4/bench/clients), run on its Node 22
  const edition4 = /^(floor4|sdk4)/.test(client)
  const [name, transport] = client.startsWith("floor")
    ? ["floor", client.endsWith("undici") ? "undici" : "fetch"]
    : ["sdk", client.replace(/^sdk4?-/, "")]
  const dir = edition4 ? "../effect4/bench/clients" : "./clients"
  const made = (await import(`${dir}/${name}.mjs`)).make(base, "sk-or-v1-bench", transport)
  for (let i = 0; i < 1000; i++) await made.get()
  const session = new Session()
  session.connect()
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true
  })
  for (let i = 0; i < CALLS; i++) await made.get()
  const { profile } = await session.post("HeapProfiler.stopSampling")
  const total = (node) => node.selfSize + node.children.reduce((sum, child) => sum + total(child), 0)
  return total(profile.head) / CALLS
}

if (process.argv[2] === "child") {
  process.stdout.write(JSON.stringify(await measure(process.argv[3], process.argv[4])))
  process.exit(0)
}

const { base, close } = await serve()
const clients = (process.env.BENCH_CLIENTS ?? "floor,sdk-fetch,sdk-app-fetch,floor-undici,sdk-undici,sdk-app-undici")
  .split(",")
const bytes = {}
for (const client of clients) {
  const { stdout } = await promisify(execFile)(benchNode, [
    fileURLToPath(import.meta.url),
    "child",
    client,
    base
  ])
  bytes[client] = JSON.parse(stdout)
}
close()
for (const client of clients) {
  const floorOf = client.startsWith("sdk4") || client.startsWith("floor4") ? "floor4" : "floor"
  const floor = bytes[client.endsWith("undici") ? `${floorOf}-undici` : floorOf]
  const ratio = floor === undefined ? "" : `  ×${(bytes[client] / floor).toFixed(2)} its floor`
  console.log(`${client.padEnd(16)} ${String(Math.round(bytes[client])).padStart(7)} B/call${ratio}`)
}
