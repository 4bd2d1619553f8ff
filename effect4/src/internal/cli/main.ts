/**
 * The `openrouter-effect` bin: the command tree on the environment's key (`OPENROUTER_API_KEY`, and
 * `OPENROUTER_BASE_URL`), Node's services, and the exit codes of `exitCodes.ts`. Ctrl-C ends any command at once
 * with exit code 0.
 *
 * @internal
 */
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Command from "effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import * as HttpLayer from "../../HttpLayer.js"
import { VERSION } from "../version.js"
import { cli, withExitCode } from "./commands.js"
import { colourWanted, paint } from "./render.js"

const look = { paint: paint(colourWanted(process.env, process.stdout.isTTY === true)) }

/**
 * What `effect/cli` asks of its host. The commands read no file and start no process, so those two services are
 * stubs: the bin then loads neither Node's file system nor its child processes, and starts sooner.
 */
const host = Layer.mergeAll(
  NodeStdio.layer,
  NodeTerminal.layer,
  NodePath.layer,
  FileSystem.layerNoop({}),
  Layer.succeed(
    ChildProcessSpawner.ChildProcessSpawner,
    ChildProcessSpawner.make(() => Effect.die("openrouter-effect starts no process"))
  )
)

const program = withExitCode(Command.run(cli(HttpLayer.layerFromEnv, look), { version: VERSION })).pipe(
  Effect.provide(host)
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? exit.value as number : Exit.hasInterrupts(exit) ? 0 : 70)
})
