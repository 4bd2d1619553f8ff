// The `openrouter-effect` bin as one file (`dist/openrouter-effect.mjs`): every dependency bundled, so that
// `npx openrouter-effect` starts without resolving a module graph. Run by `npm run build` and by the CLI tests.
import { build } from "esbuild"
import { fileURLToPath } from "node:url"

export const BIN = fileURLToPath(new URL("../dist/openrouter-effect.mjs", import.meta.url))

export const bundleBin = () =>
  build({
    entryPoints: [fileURLToPath(new URL("../src/internal/cli/main.ts", import.meta.url))],
    outfile: BIN,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    legalComments: "none",
    conditions: ["@openrouter-effect/source"],
    banner: {
      // A bundled ES module has no `require`; a CommonJS dependency that asks for a Node built-in gets one.
      js:
        "#!/usr/bin/env node\nimport { createRequire as __createRequire } from \"node:module\";const require = __createRequire(import.meta.url);"
    },
    logLevel: "warning"
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleBin()
