// A js-libp2p peer that jlibp2p's interop tests start as a process.
//
//   node peer.mjs --muxer yamux|mplex [--dial <multiaddr>] [--pings N]
//                 [--perf-upload BYTES --perf-download BYTES]
//                 [--pubsub gossipsub|floodsub --topic T] [--dht] [--connect <multiaddr>]
//                 [--mdns PORT] [--psk <swarm key file>]
//
// It serves /perf/1.0.0 (written here: @libp2p/perf is not in the registry this project uses).
// With --pubsub it subscribes to --topic, reports every message it receives, and publishes what
// the test writes on stdin: one JSON command a line, {"publish": topic, "data": base64}. With --dht
// it runs @libp2p/kad-dht in server mode on loopback and takes {"dht": "put"|"get", "key", "value"}
// (base64), {"dht": "provide"|"findProviders", "cid"}, {"dht": "findPeer", "peerId"} and
// {"dht": "table"} (the routing table's size).
//
// It serves /jlibp2p-interop/echo/1.0.0 as jlibp2p's request-response speaks it (one
// uvarint-length-prefixed request, the writer half-closes, one length-prefixed response): it
// answers "js:" and the request. {"request": peerId, "protocol", "data"} (base64) sends such a
// request and reports the response.
//
// With --mdns it runs @libp2p/mdns on the given UDP port and reports each peer it discovers.
// With --psk it joins the private network of that swarm key file (@libp2p/pnet).
//
// It listens on 127.0.0.1, prints one JSON object per line on stdout (events the Java test waits
// for), and exits when its stdin closes, so a test that dies takes its peer with it.
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { mplex } from '@libp2p/mplex'
import { tcp } from '@libp2p/tcp'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { gossipsub } from '@libp2p/gossipsub'
import { floodsub } from '@libp2p/floodsub'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { preSharedKey } from '@libp2p/pnet'
import { peerIdFromString } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import { createInterface } from 'node:readline'
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`)
  return index >= 0 ? args[index + 1] : fallback
}
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n')

const muxer = option('muxer', 'yamux')
const services = { identify: identify(), ping: ping() }
const router = option('pubsub')
if (router === 'gossipsub') {
  services.pubsub = gossipsub({ allowPublishToZeroTopicPeers: true, emitSelf: false })
} else if (router === 'floodsub') {
  services.pubsub = floodsub({ emitSelf: false })
}
if (args.includes('--dht')) {
  // Loopback addresses are private: keep them, and serve even without a public address.
  services.dht = kadDHT({ clientMode: false, peerInfoMapper: passthroughMapper })
}
const mdnsPort = option('mdns')
const psk = option('psk')
const node = await createLibp2p({
  connectionProtector: psk ? preSharedKey({ psk: readFileSync(psk) }) : undefined,
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  peerDiscovery: mdnsPort ? [mdns({ port: Number(mdnsPort), interval: 1000 })] : [],
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [muxer === 'mplex' ? mplex() : yamux()],
  services
})

node.addEventListener('peer:discovery', (event) => {
  emit({
    event: 'discovered',
    peerId: event.detail.id.toString(),
    addresses: event.detail.multiaddrs.map((ma) => ma.toString())
  })
})

if (services.pubsub) {
  const pubsub = node.services.pubsub
  pubsub.addEventListener('message', (event) => {
    const message = event.detail
    emit({
      event: 'message',
      topic: message.topic,
      data: Buffer.from(message.data).toString('base64'),
      from: message.type === 'signed' ? message.from.toString() : null
    })
  })
  pubsub.addEventListener('subscription-change', (event) => {
    emit({
      event: 'subscription-change',
      peerId: event.detail.peerId.toString(),
      topics: event.detail.subscriptions.filter((s) => s.subscribe).map((s) => s.topic)
    })
  })
  pubsub.subscribe(option('topic'))
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64')
const commands = {
  publish: async (command) => {
    const result = await node.services.pubsub.publish(command.publish, Buffer.from(command.data, 'base64'))
    return { event: 'published', topic: command.publish, recipients: result.recipients.length }
  },
  put: async (command) => {
    for await (const _ of node.services.dht.put(Buffer.from(command.key, 'base64'), Buffer.from(command.value, 'base64'))) { }
    return { event: 'dht-put' }
  },
  get: async (command) => {
    for await (const event of node.services.dht.get(Buffer.from(command.key, 'base64'))) {
      if (event.name === 'VALUE') return { event: 'dht-value', value: b64(event.value) }
    }
    return { event: 'dht-value', value: null }
  },
  provide: async (command) => {
    for await (const _ of node.services.dht.provide(CID.parse(command.cid))) { }
    return { event: 'dht-provided' }
  },
  findProviders: async (command) => {
    const providers = []
    for await (const event of node.services.dht.findProviders(CID.parse(command.cid))) {
      if (event.name === 'PROVIDER') providers.push(...event.providers.map((p) => p.id.toString()))
    }
    return { event: 'dht-providers', providers }
  },
  table: async () => ({ event: 'dht-table', size: node.services.dht.routingTable.size }),
  findPeer: async (command) => {
    for await (const event of node.services.dht.findPeer(peerIdFromString(command.peerId))) {
      if (event.name === 'FINAL_PEER') return { event: 'dht-peer', addresses: event.peer.multiaddrs.map((ma) => ma.toString()) }
    }
    return { event: 'dht-peer', addresses: [] }
  }
}
// Request-response frames: a uvarint length, then the bytes.
const frame = (bytes) => {
  const length = []
  let n = bytes.length
  do {
    length.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0))
    n >>>= 7
  } while (n > 0)
  return Buffer.concat([Buffer.from(length), Buffer.from(bytes)])
}
const readFrame = async (stream) => {
  let buffer = Buffer.alloc(0)
  for await (const chunk of stream) {
    buffer = Buffer.concat([buffer, Buffer.from(chunk.subarray())])
    let length = 0
    let i = 0
    while (i < buffer.length && i < 5) {
      length += (buffer[i] & 0x7f) * 2 ** (7 * i)
      if ((buffer[i++] & 0x80) === 0) {
        if (buffer.length >= i + length) return buffer.subarray(i, i + length)
        break
      }
    }
  }
  throw new Error('the stream ended before a whole frame')
}
await node.handle('/jlibp2p-interop/echo/1.0.0', async (stream) => {
  const request = await readFrame(stream)
  stream.send(frame(Buffer.concat([Buffer.from('js:'), request])))
  await stream.close()
})
commands.request = async (command) => {
  const stream = await node.dialProtocol(peerIdFromString(command.request), command.protocol)
  stream.send(frame(Buffer.from(command.data, 'base64')))
  await stream.close()
  return { event: 'response', data: b64(await readFrame(stream)) }
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  try {
    const command = JSON.parse(line)
    const name = command.publish !== undefined ? 'publish' : command.request !== undefined ? 'request' : command.dht
    emit(await commands[name](command))
  } catch (err) {
    emit({ event: 'error', message: err.message })
  }
})

node.addEventListener('peer:identify', (event) => {
  const result = event.detail
  emit({
    event: 'identified',
    peerId: result.peerId.toString(),
    agentVersion: result.agentVersion,
    protocolVersion: result.protocolVersion,
    protocols: result.protocols,
    listenAddrs: result.listenAddrs.map((ma) => ma.toString()),
    observedAddr: result.observedAddr?.toString()
  })
})
node.addEventListener('connection:open', (event) => {
  emit({ event: 'connected', peerId: event.detail.remotePeer.toString(), muxer: event.detail.multiplexer })
})

// perf server: 8-byte big-endian download size, the upload until the client closes its side,
// then (not concurrently) the download, then close.
const PERF = '/perf/1.0.0'
const BLOCK = new Uint8Array(64 * 1024)
const sendZeros = async (stream, bytes) => {
  let remaining = bytes
  while (remaining > 0n) {
    const size = remaining < BigInt(BLOCK.length) ? Number(remaining) : BLOCK.length
    if (!stream.send(BLOCK.subarray(0, size))) {
      await stream.onDrain()
    }
    remaining -= BigInt(size)
  }
}
await node.handle(PERF, async (stream) => {
  const header = new Uint8Array(8)
  let filled = 0
  for await (const chunk of stream) {
    const bytes = chunk.subarray()
    const take = Math.min(8 - filled, bytes.length)
    header.set(bytes.subarray(0, take), filled)
    filled += take
  }
  const request = new DataView(header.buffer).getBigUint64(0)
  await sendZeros(stream, request)
  await stream.close()
}, { maxInboundStreams: 16 })

emit({ event: 'listening', peerId: node.peerId.toString(), addresses: node.getMultiaddrs().map((ma) => ma.toString()) })

const connectTo = option('connect')
if (connectTo) {
  try {
    await node.dial(multiaddr(connectTo))
  } catch (err) {
    emit({ event: 'error', message: err.message })
  }
}

const target = option('dial')
if (target) {
  try {
    const rtts = []
    const pings = Number(option('pings', '10'))
    const start = performance.now()
    let handshakePlusOneRTTMillis
    for (let i = 0; i < pings; i++) {
      rtts.push(await node.services.ping.ping(multiaddr(target)))
      handshakePlusOneRTTMillis ??= performance.now() - start
    }
    emit({ event: 'pinged', rtts, handshakePlusOneRTTMillis })
    const upload = option('perf-upload')
    if (upload !== undefined) {
      const download = BigInt(option('perf-download', '0'))
      const start = performance.now()
      const stream = await node.dialProtocol(multiaddr(target), PERF)
      const header = new Uint8Array(8)
      new DataView(header.buffer).setBigUint64(0, download)
      stream.send(header)
      await sendZeros(stream, BigInt(upload))
      await stream.close()
      const uploadSeconds = (performance.now() - start) / 1000
      let received = 0
      for await (const chunk of stream) {
        received += chunk.byteLength
      }
      emit({
        event: 'perf',
        uploadBytes: Number(upload),
        downloadBytes: received,
        uploadSeconds,
        timeSeconds: (performance.now() - start) / 1000
      })
    }
  } catch (err) {
    emit({ event: 'error', message: err.message })
  }
}

process.stdin.on('end', async () => {
  await node.stop()
  process.exit(0)
})
process.stdin.resume()
