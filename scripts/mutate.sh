#!/usr/bin/env bash
# npm run mutate: every group of stryker.config.mjs in turn (or the groups named as arguments), then the score
# into docs/reliability.md. A finished group's report is kept if a later group is stopped.
#   npm run mutate -- [--force] [group ...]
# --force retests every mutant instead of reusing the incremental file's results: a result is reused when the
# tests that covered the mutant did not change, and a survivor reused that way can be one a newer test kills.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/sync.ts
force=()
if [ "${1:-}" = "--force" ]; then
  force=(--force)
  shift
fi
groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then groups=(core transport operations emulator account spend monitoring); fi
for group in "${groups[@]}"; do
  echo "== mutation group: $group"
  MUTATE_GROUP="$group" npx stryker run ${force[@]+"${force[@]}"}
done
npx tsx scripts/mutation-report.ts
