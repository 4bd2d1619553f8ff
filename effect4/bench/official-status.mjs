// The official SDK doing the same: `apiKeys.getCurrentKeyMetadata`, printed as JSON.
import { OpenRouter } from "@openrouter/sdk"

const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY, serverURL: process.env.OPENROUTER_BASE_URL })
console.log(JSON.stringify((await client.apiKeys.getCurrentKeyMetadata()).data))
