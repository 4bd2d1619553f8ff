#!/usr/bin/env bash
# Packs the Effect 4 edition, installs the tarball into a fresh project with its peers, and calls getCredits
# against a loopback emulator from ESM (main entries and module subpaths, fetch and undici), from CommonJS
# through require(esm), and from TypeScript consumers under NodeNext and Bundler; then runs the README's own
# install lines with npm and pnpm and checks that Effect 4, and no Effect 3, is in the tree.
# Runs under this package's Node 22 (node_modules/.bin, first on the PATH of an npm script).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version() { node -p "require('$root/package.json').devDependencies['$1']"; }
echo "pack test: node $(node --version)"

cd "$root"
npm run build --silent >/dev/null
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "pack test: $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"

cd "$work"
cat > package.json <<'JSON'
{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
npm install --silent --no-audit --no-fund "./$tarball" \
  "effect@$(version effect)" "@effect/platform-node@$(version @effect/platform-node)" \
  "typescript@$(version typescript)" "@types/node@$(version @types/node)" >/dev/null 2>&1

cat > esm.mjs <<'JS'
import { Effect, Layer } from "effect"
import { Credits, HttpLayer, OpenRouterConfig } from "openrouter-effect"
import { NodeLayer } from "openrouter-effect/node"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"

const program = Effect.gen(function*() {
  const { url } = yield* OpenRouterEmulator.serve()
  const config = OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url })
  const viaFetch = yield* Credits.getCredits.pipe(Effect.provide(Layer.merge(config, HttpLayer.layer)))
  const viaUndici = yield* Credits.getCredits.pipe(Effect.provide(Layer.merge(config, NodeLayer.layer)))
  console.log(`esm: remaining ${viaFetch.remaining} (fetch), ${viaUndici.remaining} (undici)`)
}).pipe(Effect.scoped)
await Effect.runPromise(program)
JS

cat > modules.mjs <<'JS'
// Module subpaths, the way a bundler drops what a program does not use; same classes as the main entry.
import { Effect, Layer } from "effect"
import * as Main from "openrouter-effect"
import { getCredits } from "openrouter-effect/Credits"
import { getCurrentKey } from "openrouter-effect/ApiKeys"
import * as Keys from "openrouter-effect/Keys"
import * as Activity from "openrouter-effect/Activity"
import * as Generations from "openrouter-effect/Generations"
import * as Errors from "openrouter-effect/Errors"
import * as HttpLayer from "openrouter-effect/HttpLayer"
import * as Metrics from "openrouter-effect/Metrics"
import * as Monitor from "openrouter-effect/Monitor"
import * as SpendGuard from "openrouter-effect/SpendGuard"
import * as OpenRouterConfig from "openrouter-effect/OpenRouterConfig"
import * as OpenRouterEmulator from "openrouter-effect/OpenRouterEmulator"
import * as OpenRouterTest from "openrouter-effect/OpenRouterTest"

if (Main.Errors.ConnectionError !== Errors.ConnectionError) throw new Error("two copies of Errors")
const program = Effect.gen(function*() {
  const { url } = yield* OpenRouterEmulator.serve()
  const config = OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url })
  const balance = yield* getCredits.pipe(Effect.provide(Layer.merge(config, HttpLayer.layer)))
  const key = yield* getCurrentKey.pipe(Effect.provide(Layer.merge(config, HttpLayer.layer)))
  const keys = yield* Keys.list().pipe(Effect.provide(Layer.merge(config, HttpLayer.layer)))
  if (Main.Keys.list !== Keys.list || Main.Activity.get !== Activity.get || Main.Generations.get !== Generations.get) {
    throw new Error("two copies of the spend modules")
  }
  if (keys.length < 2) throw new Error("Keys.list saw no keys")
  if (Main.Monitor.watchBalance !== Monitor.watchBalance || Main.SpendGuard.make !== SpendGuard.make) {
    throw new Error("two copies of the monitoring modules")
  }
  if (Main.Metrics.requests !== Metrics.requests) throw new Error("two copies of Metrics")
  console.log(`esm subpaths: remaining ${balance.remaining}, management key ${key.isManagementKey}`)
}).pipe(Effect.scoped)
await Effect.runPromise(program)
JS

cat > require.cjs <<'JS'
// What the README tells a CommonJS user: require(esm), on by default since Node 22.12.
const { Effect, Layer } = require("effect")
const { Credits, HttpLayer, OpenRouterConfig } = require("openrouter-effect")
const { OpenRouterEmulator, OpenRouterTest } = require("openrouter-effect/testing")

const program = Effect.gen(function*() {
  const { url } = yield* OpenRouterEmulator.serve()
  const config = OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url })
  const balance = yield* Credits.getCredits.pipe(Effect.provide(Layer.merge(config, HttpLayer.layer)))
  console.log(`cjs (require of the ESM package): remaining ${balance.remaining}`)
}).pipe(Effect.scoped)
Effect.runPromise(program).catch((e) => { console.error(e); process.exit(1) })
JS

cat > consumer.ts <<'TS'
import { Effect, Layer } from "effect"
import { Credits, type Errors, HttpLayer, OpenRouterConfig, type Schemas } from "openrouter-effect"
import { OpenRouterEmulator, OpenRouterTest } from "openrouter-effect/testing"

const balance: Effect.Effect<
  Schemas.CreditBalance,
  Errors.GetCreditsError | OpenRouterEmulator.ServeError,
  never
> = Effect.scoped(
  Effect.flatMap(OpenRouterEmulator.serve(), ({ url }) =>
    Credits.getCredits.pipe(
      Effect.provide(Layer.merge(OpenRouterConfig.layer({ apiKey: OpenRouterTest.managementKey, baseUrl: url }), HttpLayer.layer))
    ))
)
const remaining: number = (await Effect.runPromise(balance)).remaining
console.log(`ts (${process.argv[2]}): remaining ${remaining}`)
TS

for resolution in NodeNext Bundler; do
  module=$([ "$resolution" = NodeNext ] && echo NodeNext || echo ESNext)
  cat > "tsconfig.$resolution.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "$module", "moduleResolution": "$resolution",
    "strict": true, "exactOptionalPropertyTypes": true, "skipLibCheck": false,
    "types": ["node"], "lib": ["ES2022", "DOM"], "outDir": "out-$resolution"
  },
  "files": ["consumer.ts"]
}
JSON
  npx tsc -p "tsconfig.$resolution.json"
done

node esm.mjs
node modules.mjs

# The bin, as `npx openrouter-effect` runs it from the installed package: its help, its exit codes and a JSON
# Schema of its output, against the emulator it serves itself.
./node_modules/.bin/openrouter-effect --help | grep -q "openrouter-effect guard --min 5"
./node_modules/.bin/openrouter-effect emulator --json > emulator.json &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s emulator.json ] && break; sleep 0.1; done
base_url=$(node -p "JSON.parse(require('fs').readFileSync('emulator.json', 'utf8')).baseUrl")
OPENROUTER_BASE_URL="$base_url" OPENROUTER_API_KEY=sk-or-v1-emulator-ordinary ./node_modules/.bin/openrouter-effect status --json \
  | node -e "const s = JSON.parse(require('fs').readFileSync(0, 'utf8')); if (s.schemaVersion !== 1) process.exit(1)"
code=0
OPENROUTER_BASE_URL="$base_url" OPENROUTER_API_KEY=sk-or-v1-emulator-ordinary ./node_modules/.bin/openrouter-effect guard --min 1000 >/dev/null || code=$?
kill "$emulator_pid"
[ "$code" = 1 ] || { echo "pack test: guard below the minimum exited $code, not 1" >&2; exit 1; }
[ -f node_modules/openrouter-effect/dist/schemas/status.json ] || { echo "pack test: no JSON Schema shipped" >&2; exit 1; }
echo "bin: help, status --json, guard exit 1, JSON Schemas shipped"
node require.cjs
node out-NodeNext/consumer.js NodeNext
node out-Bundler/consumer.js Bundler

# The README's own install lines, with npm and with pnpm, in fresh projects: they must install Effect 4 and
# never let Effect 3 into the tree.
readme_lines() { sed -n '/^## Install/,/^## What is different/p' "$root/README.md"; }
only_effect_4() {
  local found
  found=$(find -L node_modules -path '*node_modules/effect/package.json' 2>/dev/null |
    xargs -r -n 1 node -p "require(require('path').resolve(process.argv[1])).version" | sort -u)
  echo "pack test ($1): effect versions in the tree: $(echo $found | tr '\n' ' ')"
  if echo "$found" | grep -q '^3\.'; then echo "pack test ($1): Effect 3 got into the tree" >&2; exit 1; fi
  echo "$found" | grep -q '^4\.' || { echo "pack test ($1): no Effect 4 installed" >&2; exit 1; }
}
check_import() {
  cat > check.mjs <<'JS'
import { Credits } from "openrouter-effect"
import { OpenRouterTest } from "openrouter-effect/testing"
import { Effect } from "effect"
const balance = await Effect.runPromise(Credits.getCredits.pipe(Effect.provide(OpenRouterTest.layer())))
console.log(`remaining ${balance.remaining}`)
JS
  echo "pack test ($1): $(node check.mjs)"
}

mkdir "$work/npm-readme" && cd "$work/npm-readme"
echo '{ "name": "readme-npm", "version": "1.0.0", "private": true, "type": "module" }' > package.json
readme_lines | grep -E '^npm install ' | while read -r line; do
  eval "${line//openrouter-effect@^2 /$work/$tarball } --no-audit --no-fund --silent" >/dev/null 2>&1 || {
    echo "pack test: README line failed with npm: $line" >&2; exit 1; }
done
only_effect_4 npm
check_import npm

mkdir "$work/pnpm-readme" && cd "$work/pnpm-readme"
echo '{ "name": "readme-pnpm", "version": "1.0.0", "private": true, "type": "module" }' > package.json
pnpm_line=$(readme_lines | grep -oE 'pnpm add [^`]+' | head -n 1)
[ -n "$pnpm_line" ] || { echo "pack test: the README has no pnpm line" >&2; exit 1; }
pnpm_args="${pnpm_line#pnpm add }"
npx --yes pnpm@10.34.8 add ${pnpm_args//openrouter-effect@^2 /$work/$tarball } >/dev/null 2>&1 || {
  echo "pack test: README line failed with pnpm: $pnpm_line" >&2; exit 1; }
only_effect_4 pnpm
check_import pnpm
echo "pack test: passed"
