// The floor: one `GET /key` with Node's own fetch, printed as JSON.
const response = await fetch(`${process.env.OPENROUTER_BASE_URL}/key`, {
  headers: { authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` }
})
console.log(JSON.stringify((await response.json()).data))
