// Runs the gossipsub benchmark for jlibp2p (io.jlibp2p.bench.PubsubBench) and js-libp2p
// (src/interop/pubsub-bench.mjs) side by side, each under load (64 messages in flight) and one
// message at a time, and prints a markdown table for BENCHMARKS.md.
//
// Environment: JAVA (java binary), CLASSPATH_FILE (jlibp2p test class path), MESSAGES (default 2000).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const interop = new URL('../interop/', import.meta.url).pathname
const java = process.env.JAVA ?? 'java'
const classpath = readFileSync(process.env.CLASSPATH_FILE, 'utf8').trim()
const messages = process.env.MESSAGES ?? '2000'

function run (impl, window) {
  const output = impl === 'java'
    ? execFileSync(java, ['-cp', classpath, 'io.jlibp2p.bench.PubsubBench', messages, String(window)], { stdio: ['ignore', 'pipe', 'ignore'] })
    : execFileSync(process.execPath, ['pubsub-bench.mjs', messages, String(window)], { cwd: interop, stdio: ['ignore', 'pipe', 'ignore'] })
  return JSON.parse(output.toString().split('\n').find((line) => line.startsWith('{')))
}

console.log(`| 10 nodes, 1 KiB messages, ${messages} measured | messages/s (64 in flight) | latency p50 / p99 under load (ms) | latency p50 / p99, one message at a time (ms) |`)
console.log('|---|---:|---:|---:|')
for (const impl of ['java', 'js']) {
  const loaded = run(impl, 64)
  const single = run(impl, 1)
  console.log(`| ${loaded.impl} | ${Math.round(loaded.messagesPerSecond)} | ${loaded.p50Ms} / ${loaded.p99Ms} | ${single.p50Ms} / ${single.p99Ms} |`)
}
