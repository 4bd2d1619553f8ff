import { defineConfig } from "tsup"

// CommonJS only: one file per public module, shared code in chunks (so `require` of two modules sees the
// same classes and tags). The ESM output is `tsc -p tsconfig.build.json`: one file per source module, so a
// user's bundler drops every module, and every export, that the program does not use.
const modules = [
  "Activity",
  "ApiKeys",
  "Credits",
  "Errors",
  "Generations",
  "HttpLayer",
  "Keys",
  "Metrics",
  "Monitor",
  "NodeLayer",
  "OpenRouterConfig",
  "OpenRouterEmulator",
  "OpenRouterTest",
  "Retry",
  "Schemas",
  "SpendGuard"
]

export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing.ts",
    node: "src/node.ts",
    ...Object.fromEntries(modules.map((name) => [name, `src/${name}.ts`]))
  },
  format: ["cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  splitting: true,
  target: "es2022",
  outDir: "dist"
})
