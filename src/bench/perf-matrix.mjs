// Runs the perf protocol and handshake latency side by side for jlibp2p and js-libp2p on
// 127.0.0.1, in one run, and prints a markdown table for BENCHMARKS.md.
//
//   src/bench/run.sh            (builds the class path, then runs this with the bundled Node.js)
//
// Environment: JAVA (java binary for jlibp2p peers), CLASSPATH_FILE (jlibp2p test class path),
// BYTES (transfer size, default 256 MiB), RUNS (latency samples per pair, default 5).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

const interop = new URL('../interop/', import.meta.url).pathname
const bytes = BigInt(process.env.BYTES ?? 256 * 1024 * 1024)
const runs = Number(process.env.RUNS ?? 5)
const java = process.env.JAVA ?? 'java'
const classpath = readFileSync(process.env.CLASSPATH_FILE, 'utf8').trim()

function start (impl, args) {
  const child = impl === 'java'
    ? spawn(java, ['-cp', classpath, 'io.jlibp2p.interop.JavaPeer', ...args], { stdio: ['pipe', 'pipe', 'ignore'] })
    : spawn(process.execPath, ['peer.mjs', ...args], { cwd: interop, stdio: ['pipe', 'pipe', 'ignore'] })
  const waiting = []
  const seen = []
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return
    const event = JSON.parse(line)
    seen.push(event)
    for (const w of waiting.filter((w) => w.type === event.event)) {
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve(event)
    }
  })
  return {
    await: (type) => {
      const found = seen.find((e) => e.event === type)
      if (found) return Promise.resolve(found)
      if (type !== 'error' && seen.find((e) => e.event === 'error')) return Promise.reject(new Error(JSON.stringify(seen)))
      return new Promise((resolve) => waiting.push({ type, resolve }))
    },
    stop: () => new Promise((resolve) => { child.on('exit', resolve); child.stdin.end() })
  }
}

async function client (server, impl, args) {
  const listening = await server.await('listening')
  const peer = start(impl, ['--muxer', 'yamux', '--dial', listening.addresses[0], ...args])
  const result = await Promise.race([peer.await(args.includes('--perf-upload') ? 'perf' : 'pinged'), peer.await('error')])
  await peer.stop()
  if (result.event === 'error') throw new Error(result.message)
  return result
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mbits = (count, seconds) => (Number(count) * 8 / seconds / 1e6).toFixed(0)

console.log(`| client → server | upload ${bytes / 1048576n} MiB (Mbit/s) | download ${bytes / 1048576n} MiB (Mbit/s) | handshake + 1 RTT, fresh process (ms, median of ${runs}) |`)
console.log('|---|---:|---:|---:|')
for (const [clientImpl, serverImpl] of [['java', 'java'], ['java', 'js'], ['js', 'java'], ['js', 'js']]) {
  const server = start(serverImpl, ['--muxer', 'yamux'])
  try {
    const up = await client(server, clientImpl, ['--pings', '1', '--perf-upload', `${bytes}`, '--perf-download', '0'])
    const down = await client(server, clientImpl, ['--pings', '1', '--perf-upload', '0', '--perf-download', `${bytes}`])
    const latencies = []
    for (let i = 0; i < runs; i++) {
      latencies.push((await client(server, clientImpl, ['--pings', '1'])).handshakePlusOneRTTMillis)
    }
    console.log(`| ${clientImpl === 'java' ? 'jlibp2p' : 'js-libp2p'} → ${serverImpl === 'java' ? 'jlibp2p' : 'js-libp2p'} | ${mbits(up.uploadBytes, up.uploadSeconds)} | ${mbits(down.downloadBytes, down.timeSeconds - down.uploadSeconds)} | ${median(latencies).toFixed(1)} |`)
  } finally {
    await server.stop()
  }
}
