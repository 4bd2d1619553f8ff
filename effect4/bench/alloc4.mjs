// Bytes allocated per GET call by the Effect 4 edition's bench clients, with the functions that allocate most
// (TOP=n): V8's sampling heap profiler, which does not depend on what else the machine does. Run on the edition's
// Node: node_modules/.bin/node bench/alloc4.mjs <floor|sdk> <fetch|undici>
import { Session } from "node:inspector/promises"
import { serve } from "../../bench/server.mjs"
const CALLS = 3000
const { base, close } = await serve()
const [name, transport] = process.argv.slice(2)
const made = (await import(`./clients/${name}.mjs`)).make(base, "sk-or-v1-bench", transport)
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
const byFn = new Map()
const walk = (node) => {
  const k = `${node.callFrame.functionName || "(anon)"} ${
    node.callFrame.url.split("/").slice(-2).join("/")
  }:${node.callFrame.lineNumber}`
  byFn.set(k, (byFn.get(k) ?? 0) + node.selfSize)
  node.children.forEach(walk)
}
walk(profile.head)
console.log(name, transport, (total(profile.head) / CALLS / 1024).toFixed(1), "KB/call")
if (process.env.TOP) {
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP))) {
    console.log((v / CALLS).toFixed(0).padStart(7), k)
  }
}
close()
process.exit(0)
