#!/usr/bin/env bash
# npm run mutate: every group of stryker.config.mjs in turn (or the groups named as arguments), then the score
# into README.md. A finished group's report is kept if a later group is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then groups=(core transport operations emulator monitoring); fi
for group in "${groups[@]}"; do
  echo "== mutation group: $group"
  MUTATE_GROUP="$group" npx stryker run
done
npx tsx scripts/mutation-report.ts
