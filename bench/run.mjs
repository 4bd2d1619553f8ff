// npm run bench: every client in its own process against one keep-alive loopback server, alternating rounds,
// medians; then peak RSS, cold start and bundle sizes. Prints a markdown table and writes bench/results.json.
import { build } from "esbuild"
import { execFile } from "node:child_process"
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { gzipSync } from "node:zlib"
import { benchNode, effect4 } from "./node.mjs"
import { serve } from "./server.mjs"

const exec = promisify(execFile)
const here = fileURLToPath(new URL(".", import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CALLS = Number(process.env.BENCH_CALLS ?? 4000)
const WARMUP = 1000
const clients = [
  "fetch",
  "official",
  "floor",
  "sdk-fetch",
  "sdk-app-fetch",
  "floor-undici",
  "sdk-undici",
  "sdk-app-undici",
  // The Effect 4 edition, when effect4/ is installed (its `npm ci`): every client then runs on its Node 22.
  ...(effect4 ? ["floor4", "sdk4-fetch", "floor4-undici", "sdk4-undici"] : [])
]
const labels = {
  fetch: "(1) bare fetch + JSON.parse",
  official: "(2) @openrouter/sdk 0.11.2",
  floor: "(3) Effect floor: HttpClient + schemaBodyJson on fetch",
  "sdk-fetch": "(4) openrouter-effect on FetchHttpClient",
  "floor-undici": "(3u) Effect floor on undici: HttpClient + schemaBodyJson on NodeHttpClient.layerUndici",
  "sdk-undici": "(5) openrouter-effect on undici (openrouter-effect/node)",
  "sdk-app-fetch": "(4a) openrouter-effect on FetchHttpClient.layer, provided directly",
  "sdk-app-undici": "(5a) openrouter-effect on NodeHttpClient.layerUndici, provided directly",
  floor4: "(6) Effect 4 floor: HttpClient + schemaBodyJson (effect/http) on fetch",
  "sdk4-fetch": "(7) openrouter-effect@2 (Effect 4) on FetchHttpClient",
  "floor4-undici": "(6u) Effect 4 floor on undici: NodeHttpClient.layerUndici (@effect/platform-node 4)",
  "sdk4-undici": "(8) openrouter-effect@2 (Effect 4) on undici (openrouter-effect/node)"
}
if (effect4) {
  await exec("npm", ["run", "build", "--silent"], {
    cwd: `${here}../effect4`,
    env: { ...process.env, PATH: `${here}../effect4/node_modules/.bin:${process.env.PATH}` }
  })
}

const chargeBody = JSON.stringify({
  data: {
    id: "charge",
    created_at: "2026-01-01T00:00:00Z",
    expires_at: "2026-01-01T01:00:00Z",
    web3_data: {
      transfer_intent: {
        call_data: {
          deadline: "d",
          fee_amount: "1",
          id: "i",
          operator: "o",
          prefix: "p",
          recipient: "r",
          recipient_amount: "9",
          recipient_currency: "c",
          refund_destination: "0x1234567890123456789012345678901234567890",
          signature: "s"
        },
        metadata: { chain_id: 8453, contract_address: "0xc", sender: "0x1234567890123456789012345678901234567890" }
      }
    }
  }
})
const { base, close } = await serve(chargeBody)

const measure = async (client, operation, mode, calls = CALLS, warmup = WARMUP) => {
  const { stdout } = await exec(benchNode, [
    `${here}child.mjs`,
    client,
    base,
    operation,
    mode,
    String(calls),
    String(warmup)
  ], {
    cwd: here,
    maxBuffer: 1 << 20
  })
  return JSON.parse(stdout)
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const scenarios = [["get", "seq"], ["get", "conc16"], ["post", "seq"]]
const samples = {}
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? clients : [...clients].reverse()
  for (const [operation, mode] of scenarios) {
    for (const client of order) {
      const result = await measure(client, operation, mode)
      if (result.unsupported) continue
      const key = `${operation} ${mode}`
      ;((samples[key] ??= {})[client] ??= []).push(result)
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`)
}

const results = {
  machine: {
    cpus: (await import("node:os")).cpus().length,
    node: (await exec(benchNode, ["--version"])).stdout.trim()
  },
  rounds: ROUNDS,
  calls: CALLS,
  scenarios: {}
}
for (const [key, byClient] of Object.entries(samples)) {
  results.scenarios[key] = {}
  for (const [client, runs] of Object.entries(byClient)) {
    results.scenarios[key][client] = {
      cpuMicrosPerCall: +median(runs.map((r) => r.cpuMicrosPerCall)).toFixed(1),
      wallMicrosPerCall: +median(runs.map((r) => r.wallMicrosPerCall)).toFixed(1)
    }
  }
}

// Peak RSS over 10,000 sequential calls, and cold start to the first result: medians of 3 processes each.
results.memoryAndStart = {}
for (const client of clients) {
  const runs = []
  for (let i = 0; i < 3; i++) runs.push(await measure(client, "get", "seq", 10_000, 0))
  results.memoryAndStart[client] = {
    peakRssMiB: +median(runs.map((r) => r.maxRssMiB)).toFixed(1),
    coldStartMs: +median(runs.map((r) => r.coldStartMs)).toFixed(1)
  }
}
close()

// Bundle size of a program that calls only getCredits, against the Effect floor program, in both import
// styles: the packages' main entries (namespaces), and module subpaths (what Effect recommends for bundles).
const self = {
  name: "openrouter-effect",
  setup(build) {
    build.onResolve({ filter: /^openrouter-effect(\/.*)?$/ }, (args) => ({
      path: `${here}../dist/${args.path.split("/")[1] ?? "index"}.js`
    }))
  }
}
const self4 = {
  name: "openrouter-effect@2",
  setup(build) {
    build.onResolve({ filter: /^openrouter-effect(\/.*)?$/ }, (args) => ({
      path: `${here}../effect4/dist/${args.path.split("/")[1] ?? "index"}.js`
    }))
  }
}
const bundle = async (contents, edition = 3) => {
  const out = await build({
    stdin: { contents, resolveDir: edition === 4 ? `${here}../effect4/bench` : here, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
    treeShaking: true,
    plugins: [edition === 4 ? self4 : self]
  })
  const code = out.outputFiles[0].contents
  const text = new TextDecoder().decode(code)
  return {
    minified: code.length,
    gzip: gzipSync(code).length,
    coinbase: /transfer_intent|refund_destination|can no longer be created/.test(text)
  }
}
const programs = {
  entries: {
    floor: `
import { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, Schema } from "effect"
const S = Schema.Struct({ data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number }) })
Effect.runPromise(HttpClient.get("https://openrouter.ai/api/v1/credits").pipe(
  Effect.flatMap(HttpClientResponse.schemaBodyJson(S)), Effect.provide(FetchHttpClient.layer))).then(console.log)`,
    sdk: `
import { Effect, Layer } from "effect"
import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
Effect.runPromise(Credits.getCredits.pipe(Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: "k" }), HttpLayer.layer)))).then(console.log)`
  },
  modules: {
    floor: `
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
const S = Schema.Struct({ data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number }) })
Effect.runPromise(HttpClient.get("https://openrouter.ai/api/v1/credits").pipe(
  Effect.flatMap(HttpClientResponse.schemaBodyJson(S)), Effect.provide(FetchHttpClient.layer))).then(console.log)`,
    sdk: `
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { getCredits } from "openrouter-effect/Credits"
import * as HttpLayer from "openrouter-effect/HttpLayer"
import * as OpenRouterConfig from "openrouter-effect/OpenRouterConfig"
Effect.runPromise(getCredits.pipe(Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: "k" }), HttpLayer.layer)))).then(console.log)`
  }
}
const programs4 = {
  entries: {
    floor: `
import { FetchHttpClient, HttpClient, HttpClientResponse } from "effect/http"
import { Effect, Schema } from "effect"
const S = Schema.Struct({ data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number }) })
Effect.runPromise(HttpClient.get("https://openrouter.ai/api/v1/credits").pipe(
  Effect.flatMap(HttpClientResponse.schemaBodyJson(S)), Effect.provide(FetchHttpClient.layer))).then(console.log)`,
    sdk: programs.entries.sdk
  },
  modules: {
    floor: `
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
const S = Schema.Struct({ data: Schema.Struct({ total_credits: Schema.Number, total_usage: Schema.Number }) })
Effect.runPromise(HttpClient.get("https://openrouter.ai/api/v1/credits").pipe(
  Effect.flatMap(HttpClientResponse.schemaBodyJson(S)), Effect.provide(FetchHttpClient.layer))).then(console.log)`,
    sdk: programs.modules.sdk
  }
}
results.bundle = {}
if (effect4) {
  results.bundle4 = {}
  for (const [style, { floor, sdk }] of Object.entries(programs4)) {
    const floorBundle = await bundle(floor, 4)
    const sdkBundle = await bundle(sdk, 4)
    results.bundle4[style] = {
      floorGzip: floorBundle.gzip,
      sdkGzip: sdkBundle.gzip,
      sdkOwnGzipBytes: sdkBundle.gzip - floorBundle.gzip,
      coinbaseSchemasInGetCreditsBundle: sdkBundle.coinbase
    }
  }
}
for (const [style, { floor, sdk }] of Object.entries(programs)) {
  const floorBundle = await bundle(floor)
  const sdkBundle = await bundle(sdk)
  results.bundle[style] = {
    floorGzip: floorBundle.gzip,
    sdkGzip: sdkBundle.gzip,
    sdkOwnGzipBytes: sdkBundle.gzip - floorBundle.gzip,
    coinbaseSchemasInGetCreditsBundle: sdkBundle.coinbase
  }
}

// Ratios and the table.
const get = results.scenarios["get seq"]
const ratio = (a, b) => +(a / b).toFixed(2)
results.ratios = {
  sdkFetchOverFloorCpu: ratio(get["sdk-fetch"].cpuMicrosPerCall, get.floor.cpuMicrosPerCall),
  sdkUndiciOverOfficialCpu: ratio(get["sdk-undici"].cpuMicrosPerCall, get.official.cpuMicrosPerCall),
  sdkUndiciOverFloorUndiciCpu: ratio(get["sdk-undici"].cpuMicrosPerCall, get["floor-undici"].cpuMicrosPerCall),
  sdkAppFetchOverFloorCpu: ratio(get["sdk-app-fetch"].cpuMicrosPerCall, get.floor.cpuMicrosPerCall),
  sdkAppUndiciOverFloorUndiciCpu: ratio(get["sdk-app-undici"].cpuMicrosPerCall, get["floor-undici"].cpuMicrosPerCall),
  floorUndiciOverOfficialCpu: ratio(get["floor-undici"].cpuMicrosPerCall, get.official.cpuMicrosPerCall),
  sdkUndiciOverFetchBaselineCpu: ratio(get["sdk-undici"].cpuMicrosPerCall, get.fetch.cpuMicrosPerCall),
  officialOverFetchBaselineCpu: ratio(get.official.cpuMicrosPerCall, get.fetch.cpuMicrosPerCall),
  floorOverFetchBaselineCpu: ratio(get.floor.cpuMicrosPerCall, get.fetch.cpuMicrosPerCall),
  sdkUndiciPeakRssOverOfficial: ratio(
    results.memoryAndStart["sdk-undici"].peakRssMiB,
    results.memoryAndStart.official.peakRssMiB
  ),
  ...(effect4 && {
    sdk4FetchOverFloor4Cpu: ratio(get["sdk4-fetch"].cpuMicrosPerCall, get.floor4.cpuMicrosPerCall),
    sdk4UndiciOverFloor4UndiciCpu: ratio(get["sdk4-undici"].cpuMicrosPerCall, get["floor4-undici"].cpuMicrosPerCall),
    sdk4UndiciOverOfficialCpu: ratio(get["sdk4-undici"].cpuMicrosPerCall, get.official.cpuMicrosPerCall),
    sdk4FetchOverOfficialCpu: ratio(get["sdk4-fetch"].cpuMicrosPerCall, get.official.cpuMicrosPerCall),
    floor4UndiciOverOfficialCpu: ratio(get["floor4-undici"].cpuMicrosPerCall, get.official.cpuMicrosPerCall),
    floor4OverOfficialCpu: ratio(get.floor4.cpuMicrosPerCall, get.official.cpuMicrosPerCall),
    sdk4OverSdk3FetchCpu: ratio(get["sdk4-fetch"].cpuMicrosPerCall, get["sdk-fetch"].cpuMicrosPerCall),
    sdk4OverSdk3UndiciCpu: ratio(get["sdk4-undici"].cpuMicrosPerCall, get["sdk-undici"].cpuMicrosPerCall),
    sdk4OverSdk3ColdStart: ratio(
      results.memoryAndStart["sdk4-undici"].coldStartMs,
      results.memoryAndStart["sdk-undici"].coldStartMs
    ),
    sdk4OverSdk3PeakRss: ratio(
      results.memoryAndStart["sdk4-undici"].peakRssMiB,
      results.memoryAndStart["sdk-undici"].peakRssMiB
    )
  })
}
writeFileSync(`${here}results.json`, JSON.stringify(results, null, 2) + "\n")

const lines = []
lines.push(
  `CPU and wall µs per call, medians of ${ROUNDS} alternating rounds of ${CALLS} calls, each client in its own process, all on Node ${results.machine.node}; ratio = CPU over the bare fetch client.`
)
lines.push("")
lines.push(
  "| client | GET seq CPU | GET seq wall | ratio | GET ×16 CPU | GET ×16 wall | POST seq CPU | peak RSS (10k calls) | cold start |"
)
lines.push("|---|---|---|---|---|---|---|---|---|")
for (const client of clients) {
  const s = (key) => results.scenarios[key]?.[client]
  const m = results.memoryAndStart[client]
  lines.push(
    `| ${labels[client]} | ${s("get seq").cpuMicrosPerCall} | ${s("get seq").wallMicrosPerCall} | ${
      ratio(s("get seq").cpuMicrosPerCall, get.fetch.cpuMicrosPerCall)
    } | ${s("get conc16").cpuMicrosPerCall} | ${s("get conc16").wallMicrosPerCall} | ${
      s("post seq")?.cpuMicrosPerCall ?? "n/a"
    } | ${m.peakRssMiB} MiB | ${m.coldStartMs} ms |`
  )
}
lines.push("")
lines.push(
  `Targets: SDK on fetch ≤ 1.05 × floor: **${results.ratios.sdkFetchOverFloorCpu}**; SDK on undici ≤ 0.75 × official: **${results.ratios.sdkUndiciOverOfficialCpu}** (over bare fetch: ${results.ratios.sdkUndiciOverFetchBaselineCpu}; over the undici floor: ${results.ratios.sdkUndiciOverFloorUndiciCpu}; the undici floor itself is ${results.ratios.floorUndiciOverOfficialCpu} × official); peak RSS undici/official: ${results.ratios.sdkUndiciPeakRssOverOfficial}. On the platform's layers provided directly (≤ 1.05 × the same floor): fetch **${results.ratios.sdkAppFetchOverFloorCpu}**, undici **${results.ratios.sdkAppUndiciOverFloorUndiciCpu}**.`
)
const describeBundle = (style, label) => {
  const b = results.bundle[style]
  return `${label}: ${b.sdkGzip} B vs the floor's ${b.floorGzip} B, the SDK's own **${b.sdkOwnGzipBytes} B**; Coinbase code (schemas, the 410 error) in it: ${
    b.coinbaseSchemasInGetCreditsBundle ? "yes" : "none"
  }`
}
lines.push(
  `Bundle (esbuild, minified, gzip) of a getCredits-only program. ${
    describeBundle("modules", "Module subpaths (\`openrouter-effect/Credits\`, \`effect/Effect\`)")
  }. ${describeBundle("entries", "Main entries (\`openrouter-effect\`, \`effect\`)")}.`
)
if (effect4) {
  const r = results.ratios
  const b4 = (style) => results.bundle4[style]
  lines.push(
    `Effect 4 edition: on fetch ≤ 1.05 × its Effect 4 floor: **${r.sdk4FetchOverFloor4Cpu}**; on undici ≤ 1.05 × its Effect 4 floor: **${r.sdk4UndiciOverFloor4UndiciCpu}** (${r.sdk4UndiciOverOfficialCpu} × official; the Effect 4 undici floor itself ${r.floor4UndiciOverOfficialCpu} ×, the fetch floor ${r.floor4OverOfficialCpu} ×). Against the Effect 3 edition: CPU per call ×${r.sdk4OverSdk3FetchCpu} on fetch, ×${r.sdk4OverSdk3UndiciCpu} on undici; cold start ×${r.sdk4OverSdk3ColdStart}; peak RSS ×${r.sdk4OverSdk3PeakRss}. Bundle of the getCredits-only program on Effect 4: module subpaths ${
      b4("modules").sdkGzip
    } B (the floor's ${b4("modules").floorGzip} B, the SDK's own **${
      b4("modules").sdkOwnGzipBytes
    } B**), main entries ${b4("entries").sdkGzip} B (the floor's ${b4("entries").floorGzip} B).`
  )
} else {
  lines.push("Effect 4 rows: not measured (run `npm ci` in effect4/ first).")
}
console.log(lines.join("\n"))

// docs/performance.md shows this run's table.
const readmeFile = new URL("../docs/performance.md", import.meta.url)
const readme = (await import("node:fs")).readFileSync(readmeFile, "utf8")
const [start, end] = ["<!-- bench:start -->", "<!-- bench:end -->"]
if (readme.includes(start) && readme.includes(end)) {
  writeFileSync(
    readmeFile,
    readme.slice(0, readme.indexOf(start) + start.length) + "\n" + lines.join("\n") + "\n" +
      readme.slice(readme.indexOf(end))
  )
}
