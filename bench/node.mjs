// Which Node runs the bench's children. Effect 4 needs Node 22.19+, which the Effect 4 edition's `npm ci` puts in
// effect4/node_modules/.bin; when it is there, every client (Effect 3, Effect 4, the official SDK, bare fetch) runs
// on it, so that the rows compare on one Node. Otherwise the Effect 3 rows run on this process's Node.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const node22 = fileURLToPath(new URL("../effect4/node_modules/.bin/node", import.meta.url))
const effect4Installed = existsSync(node22) &&
  existsSync(fileURLToPath(new URL("../effect4/node_modules/effect/package.json", import.meta.url)))

/** The Node binary the children run on. */
export const benchNode = effect4Installed ? node22 : process.execPath

/** Whether the Effect 4 edition's rows can be measured. */
export const effect4 = effect4Installed
