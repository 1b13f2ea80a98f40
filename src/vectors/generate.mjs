// Writes the test vectors jlibp2p checks itself against, computed by js-libp2p's own code.
// Run once with `npm ci && npm run generate`; the output files are committed, so the vectors stay
// fixed (keys are random when generated, and must not change on every run).
import { writeFileSync } from 'node:fs'
import { generateKeyPair, privateKeyToProtobuf, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromMultihash, peerIdFromPrivateKey } from '@libp2p/peer-id'
import { sha256 } from 'multiformats/hashes/sha2'
import { PeerRecord, RecordEnvelope } from '@libp2p/peer-record'
import { multiaddr } from '@multiformats/multiaddr'
import { toString as hex } from 'uint8arrays/to-string'

const out = new URL('../../libp2p-core/src/test/resources/vectors/', import.meta.url)
const message = new TextEncoder().encode('jlibp2p speaks libp2p: the same bytes as js, go and rust')

// keys.tsv: type, private key protobuf, public key protobuf, PeerId (base58), PeerId (CIDv1),
// message, signature by js over the message.
const keys = [['type', 'privateKey', 'publicKey', 'peerIdBase58', 'peerIdCid', 'message', 'signature']]
const signers = {}
// js derives no PeerId from ECDSA keys (peerIdFromPublicKey refuses them), so hash the protobuf
// as the spec says, with js's own sha256 multihash.
const peerIdOf = async (key) => key.type === 'ECDSA'
  ? peerIdFromMultihash(await sha256.digest(publicKeyToProtobuf(key.publicKey)))
  : peerIdFromPrivateKey(key)
for (const [type, arg] of [['Ed25519'], ['secp256k1'], ['ECDSA', 'P-256'], ['RSA', 2048]]) {
  const key = await generateKeyPair(type, arg)
  const peerId = await peerIdOf(key)
  const signature = await key.sign(message)
  if (!(await key.publicKey.verify(message, signature))) throw new Error(`${type} signature does not verify`)
  keys.push([type, hex(privateKeyToProtobuf(key), 'base16'), hex(publicKeyToProtobuf(key.publicKey), 'base16'),
    peerId.toString(), peerId.toCID().toString(), hex(message, 'base16'), hex(signature, 'base16')])
  signers[type] = key
}
writeFileSync(new URL('keys.tsv', out), keys.map((row) => row.join('\t')).join('\n') + '\n')

// multiaddrs.tsv: text as js prints it, bytes as js encodes it. /memory is left out: js writes its
// value as a length-prefixed string, go and rust (and jlibp2p) as 8 bytes.
const edPeer = peerIdFromPrivateKey(signers.Ed25519).toString()
const rsaPeer = peerIdFromPrivateKey(signers.RSA).toString()
const certhash = 'uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g'
const texts = [
  '/ip4/127.0.0.1/tcp/4001',
  '/ip4/0.0.0.0/tcp/0',
  '/ip4/255.255.255.255/udp/65535',
  '/ip6/::1/tcp/4001',
  '/ip6/::/udp/0',
  '/ip6/2001:db8::1/tcp/443/wss',
  '/ip6/fe80::1:0:0:1/udp/4001/quic-v1',
  '/ip6/2001:db8:0:1:1:1:1:1/tcp/80/http',
  '/ip6/1:0:0:2:0:0:0:3/tcp/1',
  '/dns/example.com/tcp/443/tls/sni/example.com/ws',
  '/dns4/bootstrap.libp2p.io/tcp/443/wss/p2p/' + edPeer,
  '/dns6/ipv6.example.org/udp/4001/quic-v1',
  '/dnsaddr/bootstrap.libp2p.io/p2p/' + rsaPeer,
  '/ip4/192.0.2.1/udp/4001/quic-v1/webtransport/certhash/' + certhash + '/p2p/' + edPeer,
  '/ip4/192.0.2.1/udp/4001/webrtc-direct/certhash/' + certhash,
  '/ip4/192.0.2.1/tcp/4001/p2p/' + rsaPeer + '/p2p-circuit/webrtc/p2p/' + edPeer,
  '/ip4/192.0.2.1/tcp/4001/p2p/' + edPeer + '/p2p-circuit',
  '/ip4/1.2.3.4/tcp/80/ws',
  '/ip4/1.2.3.4/tcp/1234/tls/ws',
  '/ip4/1.2.3.4/udp/1234/quic',
  '/ip4/1.2.3.4/tcp/1234/noise',
  '/p2p/' + edPeer
]
const addresses = [['text', 'bytes']]
for (const text of texts) {
  const ma = multiaddr(text)
  addresses.push([ma.toString(), hex(ma.bytes, 'base16')])
}
writeFileSync(new URL('multiaddrs.tsv', out), addresses.map((row) => row.join('\t')).join('\n') + '\n')

// peer-records.tsv: signer type, signer public key, envelope, PeerId, seq, addresses (comma-separated).
const records = [['type', 'publicKey', 'envelope', 'peerId', 'seq', 'addresses']]
for (const type of ['Ed25519', 'secp256k1', 'ECDSA', 'RSA']) {
  const key = signers[type]
  const peerId = await peerIdOf(key)
  const multiaddrs = [multiaddr('/ip4/127.0.0.1/tcp/4001'), multiaddr('/ip6/::1/udp/4001/quic-v1')]
  const record = new PeerRecord({ peerId, multiaddrs, seqNumber: 1700000000000000000n })
  const envelope = await RecordEnvelope.seal(record, key)
  records.push([type, hex(publicKeyToProtobuf(key.publicKey), 'base16'), hex(envelope.marshal(), 'base16'),
    peerId.toString(), record.seqNumber.toString(), multiaddrs.map((ma) => ma.toString()).join(',')])
}
writeFileSync(new URL('peer-records.tsv', out), records.map((row) => row.join('\t')).join('\n') + '\n')
console.log('vectors written to', out.pathname)
