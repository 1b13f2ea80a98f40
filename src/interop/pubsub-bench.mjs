// Gossipsub throughput and delivery latency for js-libp2p, the counterpart of
// io.jlibp2p.bench.PubsubBench: ten nodes in this process, fully connected over loopback
// TCP + Noise + yamux; the first publishes 1 KiB messages with at most `window` not yet delivered
// everywhere. Prints one JSON line.
//
//   node pubsub-bench.mjs [messages] [window]      (src/bench/run.sh runs it)
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { tcp } from '@libp2p/tcp'
import { identify } from '@libp2p/identify'
import { gossipsub } from '@libp2p/gossipsub'
import { createLibp2p } from 'libp2p'

const TOPIC = 'bench'
const NODES = 10
const SIZE = 1024
const WARM_UP = 1000
const messages = Number(process.argv[2] ?? 5000)
const window = Number(process.argv[3] ?? 64)
const total = WARM_UP + messages

const publishedAt = new Float64Array(total)
const deliveries = new Uint8Array(total)
const latencies = []
let inFlight = 0
let wake = null
const nodes = []
for (let i = 0; i < NODES; i++) {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // A stock node refuses more than 5 inbound connections a second from one host.
    connectionManager: { inboundConnectionThreshold: 100 },
    services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) }
  })
  node.services.pubsub.subscribe(TOPIC)
  if (i > 0) {
    node.services.pubsub.addEventListener('message', (event) => {
      const data = event.detail.data
      const index = new DataView(data.buffer, data.byteOffset).getInt32(0)
      if (index >= WARM_UP) latencies.push(performance.now() - publishedAt[index])
      if (++deliveries[index] === NODES - 1) {
        inFlight--
        if (wake) { const w = wake; wake = null; w() }
      }
    })
  }
  nodes.push(node)
}
for (let i = 0; i < NODES; i++) {
  for (let j = i + 1; j < NODES; j++) {
    await nodes[i].dial(nodes[j].getMultiaddrs()[0])
  }
}
const deadline = Date.now() + 30000
while (nodes.some((node) => node.services.pubsub.getMeshPeers(TOPIC).length < 4)) {
  if (Date.now() > deadline) throw new Error('the meshes did not form within 30 s')
  await new Promise((resolve) => setTimeout(resolve, 50))
}
const untilBelow = async (limit) => {
  const stop = Date.now() + 30000
  while (inFlight >= limit) {
    if (Date.now() > stop) throw new Error('messages never reached every node')
    await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 1000) })
  }
}
const payload = new Uint8Array(SIZE)
let start = 0
for (let index = 0; index < total; index++) {
  await untilBelow(window)
  if (index === WARM_UP) start = performance.now()
  new DataView(payload.buffer).setInt32(0, index)
  publishedAt[index] = performance.now()
  inFlight++
  await nodes[0].services.pubsub.publish(TOPIC, payload.slice())
}
await untilBelow(1)
const seconds = (performance.now() - start) / 1000
latencies.sort((a, b) => a - b)
console.log(JSON.stringify({
  impl: 'js-libp2p',
  runtime: `Node.js ${process.version}`,
  nodes: NODES,
  messages,
  window,
  messagesPerSecond: Math.round(messages / seconds),
  p50Ms: Number(latencies[Math.floor(latencies.length / 2)].toFixed(2)),
  p99Ms: Number(latencies[Math.floor(latencies.length * 0.99)].toFixed(2))
}))
await Promise.all(nodes.map((node) => node.stop()))
process.exit(0)
