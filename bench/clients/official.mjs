// (2) The official @openrouter/sdk (0.11.2, the last version with the coinbase call).
import { OpenRouter } from "@openrouter/sdk"

export const make = (base, key) => {
  const client = new OpenRouter({ apiKey: key, serverURL: base })
  return {
    get: async () => {
      const result = await client.credits.getCredits()
      return result.data.totalCredits - result.data.totalUsage
    },
    post: async () => {
      const result = await client.credits.createCoinbaseCharge(
        { bearer: key },
        { createChargeRequest: { amount: 10, sender: "0x1234567890123456789012345678901234567890", chainId: 8453 } }
      )
      return result.data.id
    }
  }
}
