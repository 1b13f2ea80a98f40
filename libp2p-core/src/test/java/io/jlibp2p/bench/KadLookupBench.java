package io.jlibp2p.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;

/**
 * DHT lookup latency on real sockets: {@code nodes} nodes in this JVM, each with one
 * event-loop thread, on loopback TCP + Noise + yamux; each joins through the first and
 * bootstraps, then random nodes look up the closest peers of random keys, first "cold"
 * (most peers on the way are dialed, a Noise handshake each) and then the same keys again
 * "warm" (connections open). Prints one JSON line.
 *
 * <pre>
 * java -cp … io.jlibp2p.bench.KadLookupBench [nodes] [lookups]
 * </pre>
 */
public final class KadLookupBench {

	private KadLookupBench() {
	}

	public static void main(String[] args) {
		int size = (args.length > 0) ? Integer.parseInt(args[0]) : 50;
		int lookups = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		SwarmConfig d = SwarmConfig.DEFAULT;
		SwarmConfig oneThread = d.withTimeouts(d.timeouts().withIdle(Duration.ofMinutes(10)))
			.withLimits(new SwarmConfig.Limits(256, 2, 64, 64))
			.withEventLoopThreads(1);
		List<Swarm> swarms = new ArrayList<>();
		List<Kademlia> dhts = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			Identify identify = new Identify(IdentifyConfig.DEFAULT);
			Kademlia kad = new Kademlia(KadConfig.DEFAULT);
			Swarm swarm = Swarm.builder()
				.identity(Keys.generate(KeyType.ED25519))
				.config(oneThread)
				.behaviour(identify)
				.behaviour(kad)
				.build();
			swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
			if (i > 0) {
				Swarm first = swarms.get(0);
				swarm.dial(first.listenAddresses().get(0).withPeerId(first.localPeer())).join();
			}
			swarms.add(swarm);
			dhts.add(kad);
		}
		for (Kademlia dht : dhts) {
			dht.bootstrap().join();
		}
		Random random = new Random(3);
		List<byte[]> targets = new ArrayList<>();
		int[] askers = new int[lookups];
		for (int i = 0; i < lookups; i++) {
			byte[] target = new byte[32];
			random.nextBytes(target);
			targets.add(target);
			askers[i] = random.nextInt(size);
		}
		long[] cold = time(dhts, targets, askers);
		long[] warm = time(dhts, targets, askers);
		System.out.printf(Locale.ROOT,
				"{\"runtime\":\"Java %s\",\"nodes\":%d,\"lookups\":%d,\"coldP50Ms\":%.2f,\"coldP99Ms\":%.2f,"
						+ "\"warmP50Ms\":%.2f,\"warmP99Ms\":%.2f}%n",
				Runtime.version(), size, lookups, percentile(cold, 0.5), percentile(cold, 0.99), percentile(warm, 0.5),
				percentile(warm, 0.99));
		swarms.forEach((swarm) -> swarm.close(Duration.ofSeconds(2)));
	}

	private static long[] time(List<Kademlia> dhts, List<byte[]> targets, int[] askers) {
		long[] nanos = new long[targets.size()];
		for (int i = 0; i < targets.size(); i++) {
			long start = System.nanoTime();
			dhts.get(askers[i]).closestPeers(targets.get(i)).join();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static double percentile(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e6;
	}

}
