/**
 * The drift check: the public API of the two editions, compared. Each edition's public modules (`src/*.ts`) are read
 * with the TypeScript compiler, each against its own `effect`, and reduced to lines:
 *
 * - `Module.export` for every export;
 * - `Module.export.field` for every field of an exported class built from a schema (errors, with their tag as
 *   `Module.export#Tag`, and `Schema.Class` models, also when re-exported as a constant) and every member of an
 *   exported interface (options, services);
 * - `Module.export="value"` for every value of an exported literal schema (`ConnectionFailure`, `CreditSource`).
 *
 * The lines of one edition that the other lacks must be exactly those listed in `scripts/api-differences.json`, and
 * each listed line must be named in the Effect 4 README's table of differences: an unlisted difference is drift, a
 * listed one that no longer differs is stale, and both fail the check.
 *
 *   npx tsx scripts/api-drift.ts
 */
import { readFileSync } from "node:fs"
import { basename, join } from "node:path"
import ts from "typescript"

const root = join(import.meta.dirname, "..")

const programOf = (dir: string): ts.Program => {
  const configPath = join(dir, "tsconfig.json")
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"))
    }
  })!
  const modules = config.fileNames.filter((file) =>
    file.startsWith(join(dir, "src") + "/") && !file.includes("/internal/")
  )
  return ts.createProgram(modules, config.options)
}

/** The program's type checker, while {@link linesOf} reads an edition. */
let checker: ts.TypeChecker

/** The keys of an object literal, following spreads of `const` objects (imported ones too) and `wireFields`. */
const keysOf = (node: ts.Expression, file: ts.SourceFile): Array<string> => {
  // `wireFields({ ... }, keys)`: the fields are its first argument
  if (ts.isCallExpression(node) && node.arguments[0] !== undefined) return keysOf(node.arguments[0], file)
  if (!ts.isObjectLiteralExpression(node)) return []
  return node.properties.flatMap((property) => {
    if (ts.isSpreadAssignment(property) && ts.isIdentifier(property.expression)) {
      const symbol = checker.getSymbolAtLocation(property.expression)
      const target = symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias
        ? checker.getAliasedSymbol(symbol)
        : symbol
      const declaration = target?.valueDeclaration
      return declaration === undefined || !ts.isVariableDeclaration(declaration) ||
          declaration.initializer === undefined
        ? []
        : keysOf(declaration.initializer, declaration.getSourceFile())
    }
    return property.name !== undefined && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
      ? [property.name.text]
      : []
  })
}

/** For `class X extends Schema.TaggedError<X>()("Tag", { ... })` or `Schema.Class<X>("X")({ ... })`: tag, fields. */
const schemaClass = (node: ts.ClassDeclaration, file: ts.SourceFile) => {
  const base = node.heritageClauses?.[0]?.types[0]?.expression
  if (base === undefined || !ts.isCallExpression(base)) return undefined
  const fields = base.arguments.at(-1)
  const tag = base.arguments.length === 2 && ts.isStringLiteral(base.arguments[0]!) ? base.arguments[0].text : undefined
  return fields === undefined ? undefined : { tag, fields: keysOf(fields, file) }
}

const linesOf = (dir: string): Set<string> => {
  const program = programOf(dir)
  checker = program.getTypeChecker()
  const lines = new Set<string>()
  for (const file of program.getRootFileNames()) {
    const source = program.getSourceFile(file)!
    const module = basename(file, ".ts")
    const symbol = checker.getSymbolAtLocation(source)
    if (symbol === undefined) continue
    for (const exported of checker.getExportsOfModule(symbol)) {
      const name = `${module}.${exported.name}`
      lines.add(name)
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      for (const declaration of target.declarations ?? []) {
        if (ts.isClassDeclaration(declaration)) {
          const described = schemaClass(declaration, declaration.getSourceFile())
          if (described?.tag !== undefined) lines.add(`${name}#${described.tag}`)
          for (const field of described?.fields ?? []) lines.add(`${name}.${field}`)
        } else if (ts.isVariableDeclaration(declaration)) {
          const init = declaration.initializer
          if (
            init !== undefined && ts.isCallExpression(init) &&
            /(\.Literals?|^literals)$/.test(init.expression.getText())
          ) {
            const values = init.arguments.flatMap((a) => ts.isArrayLiteralExpression(a) ? [...a.elements] : [a])
            for (const value of values) lines.add(`${name}=${value.getText()}`)
          }
          const classes = checker.getTypeOfSymbolAtLocation(target, declaration).getConstructSignatures()
          const instance = classes[0]?.getReturnType()
          // A `*FromWire` schema is its class in Effect 3 and a key renaming of it in Effect 4: its fields are the
          // class's, listed under the class.
          const fromWire = exported.name.endsWith("FromWire")
          if (!fromWire && instance !== undefined && instance.getSymbol()?.declarations?.some(ts.isClassDeclaration)) {
            const described = schemaClass(
              instance.getSymbol()!.declarations!.find(ts.isClassDeclaration)!,
              instance.getSymbol()!.declarations![0]!.getSourceFile()
            )
            for (const field of described?.fields ?? []) lines.add(`${name}.${field}`)
          }
        } else if (ts.isInterfaceDeclaration(declaration)) {
          for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(target))) {
            lines.add(`${name}.${member.name}`)
          }
        }
      }
    }
  }
  return lines
}

interface Differences {
  readonly onlyEffect3: ReadonlyArray<string>
  readonly onlyEffect4: ReadonlyArray<string>
}

const effect3 = linesOf(root)
const effect4 = linesOf(join(root, "effect4"))
const listed = JSON.parse(readFileSync(join(root, "scripts", "api-differences.json"), "utf8")) as Differences
const readme = readFileSync(join(root, "effect4", "README.md"), "utf8")
const table = readme.slice(readme.indexOf("## What is different from the Effect 3 edition"))
const section = table.slice(0, table.indexOf("\n## ", 3))

const problems: Array<string> = []
const compare = (edition: string, mine: Set<string>, theirs: Set<string>, allowed: ReadonlyArray<string>) => {
  const only = [...mine].filter((line) => !theirs.has(line)).sort()
  for (const line of only) {
    if (!allowed.includes(line)) problems.push(`drift: ${line} is in the ${edition} edition only, and not listed`)
  }
  for (const line of allowed) {
    if (!only.includes(line)) problems.push(`stale: ${line} is listed as ${edition}-only, but it is not`)
    const named = line.split(/[#=]/)[0]!.split(".")[1]!
    if (!section.includes(`\`${named}`) && !section.includes(`.${named}`)) {
      problems.push(`undocumented: ${line} differs, but the Effect 4 README's table does not name ${named}`)
    }
  }
}
compare("Effect 3", effect3, effect4, listed.onlyEffect3)
compare("Effect 4", effect4, effect3, listed.onlyEffect4)

if (problems.length > 0) {
  console.error(problems.join("\n"))
  console.error(`api drift: ${problems.length} problem(s); ${effect3.size} and ${effect4.size} lines compared`)
  process.exit(1)
}
console.log(`api drift: none (${effect3.size} lines of Effect 3, ${effect4.size} of Effect 4; differences as listed)`)
