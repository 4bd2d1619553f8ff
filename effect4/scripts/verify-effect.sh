#!/usr/bin/env bash
# Runs this edition's whole test suite on another release of Effect 4 (effect, @effect/platform-node and
# @effect/vitest at the same version), then puts the locked versions back.
#   npm run verify:effect -- 4.2.0
# Green: widen "peerDependencies" in package.json to that minor, and pin the devDependencies to it.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: npm run verify:effect -- <effect version, e.g. 4.2.0>}"
restore() { npm ci --no-audit --no-fund > /dev/null; }
trap restore EXIT
npm install --no-save --no-audit --no-fund \
  "effect@$version" "@effect/platform-node@$version" "@effect/vitest@$version"
echo "verify:effect: testing on effect $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/effect/package.json", "utf8")).version')"
npm test
