// (1) The baseline: a hand-written fetch + JSON.parse client.
export const make = (base, key) => ({
  get: async () => {
    const response = await fetch(`${base}/credits`, {
      headers: { authorization: `Bearer ${key}`, accept: "application/json" }
    })
    const body = JSON.parse(await response.text())
    return body.data.total_credits - body.data.total_usage
  },
  post: async () => {
    const response = await fetch(`${base}/credits/coinbase`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ amount: 10, sender: "0x1234567890123456789012345678901234567890", chain_id: 8453 })
    })
    return JSON.parse(await response.text()).data.id
  }
})
