/** Keys shaped so that a leak is easy to spot; none is real. */
export const API_KEY = "sk-or-v1-FAKE-TESTKEY-SECRET-0000"
export const BEARER = "bearer-TESTBEARERbbbbSECRETbbbb"

export const SENDER = "0x1234567890123456789012345678901234567890"

/** A valid charge: $10 on Ethereum from {@link SENDER}. */
export const CHARGE_INPUT = { amount: 10, sender: SENDER, chainId: 1 } as const

export const creditsBody = { data: { total_credits: 100.5, total_usage: 25.75 } }

export const chargeBody = {
  data: {
    id: "charge_123",
    created_at: "2026-01-01T00:00:00Z",
    expires_at: "2026-01-01T01:00:00Z",
    web3_data: {
      transfer_intent: {
        call_data: {
          deadline: "2026-01-01T01:00:00Z",
          fee_amount: "1.00",
          id: "0xabc",
          operator: "0xoperator",
          prefix: "0xprefix",
          recipient: "0xrecipient",
          recipient_amount: "99.00",
          recipient_currency: "0xusdc",
          refund_destination: SENDER,
          signature: "0xsignature"
        },
        metadata: { chain_id: 8453, contract_address: "0xcontract", sender: SENDER }
      }
    }
  }
}

export const envelope = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, metadata: null },
  user_id: "user_1",
  ...extra
})
