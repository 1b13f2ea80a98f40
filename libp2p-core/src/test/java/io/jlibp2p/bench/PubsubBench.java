package io.jlibp2p.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmConfig;

/**
 * Gossipsub throughput and delivery latency: ten nodes in this JVM, each with one
 * event-loop thread, fully connected over loopback TCP + Noise + yamux; the first node
 * publishes 1 KiB messages with at most {@code window} not yet delivered everywhere, and
 * every other node records when each message arrives. Prints one JSON line, the same as
 * {@code src/bench/pubsub-bench.mjs} prints for js-libp2p.
 *
 * <pre>
 * java -cp … io.jlibp2p.bench.PubsubBench [messages] [window]
 * </pre>
 */
public final class PubsubBench {

	private static final String TOPIC = "bench";

	private static final int NODES = 10;

	private static final int SIZE = 1024;

	private static final int WARM_UP = 1000;

	private PubsubBench() {
	}

	public static void main(String[] args) throws Exception {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int window = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		int total = WARM_UP + messages;
		SwarmConfig oneThread = SwarmConfig.DEFAULT.withLimits(new SwarmConfig.Limits(64, 2, 64, 64))
			.withEventLoopThreads(1);
		List<Swarm> swarms = new ArrayList<>();
		List<Pubsub> pubsubs = new ArrayList<>();
		AtomicLongArray publishedAt = new AtomicLongArray(total);
		AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
		long[][] latencies = new long[NODES][total];
		Semaphore inFlight = new Semaphore(window);
		for (int i = 0; i < NODES; i++) {
			Pubsub pubsub = new Pubsub(PubsubConfig.DEFAULT);
			Swarm swarm = Swarm.builder()
				.identity(Keys.generate(KeyType.ED25519))
				.config(oneThread)
				.behaviour(pubsub)
				.build();
			swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
			int node = i;
			pubsub.addListener((message) -> {
				int index = ByteBuffer.wrap(message.data()).getInt();
				latencies[node][index] = System.nanoTime() - publishedAt.get(index);
				if (deliveries.incrementAndGet(index) == NODES - 1) {
					inFlight.release();
				}
			});
			pubsub.subscribe(TOPIC).join();
			swarms.add(swarm);
			pubsubs.add(pubsub);
		}
		for (int i = 0; i < NODES; i++) {
			for (int j = i + 1; j < NODES; j++) {
				Swarm target = swarms.get(j);
				swarms.get(i).dial(target.listenAddresses().get(0).withPeerId(target.localPeer())).join();
			}
		}
		awaitMeshes(pubsubs);
		byte[] payload = new byte[SIZE];
		long start = 0;
		for (int index = 0; index < total; index++) {
			if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("message " + (index - window) + " never reached every node");
			}
			if (index == WARM_UP) {
				start = System.nanoTime();
			}
			ByteBuffer.wrap(payload).putInt(index);
			publishedAt.set(index, System.nanoTime());
			pubsubs.get(0).publish(TOPIC, payload).join();
		}
		if (!inFlight.tryAcquire(window, 30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the last messages never reached every node");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] measured = new long[messages * (NODES - 1)];
		int n = 0;
		for (int node = 1; node < NODES; node++) {
			for (int index = WARM_UP; index < total; index++) {
				measured[n++] = latencies[node][index];
			}
		}
		Arrays.sort(measured);
		System.out.printf(Locale.ROOT,
				"{\"impl\":\"jlibp2p\",\"runtime\":\"Java %s\",\"nodes\":%d,\"messages\":%d,\"window\":%d,"
						+ "\"messagesPerSecond\":%.0f,\"p50Ms\":%.2f,\"p99Ms\":%.2f}%n",
				Runtime.version(), NODES, messages, window, messages / seconds, measured[measured.length / 2] / 1e6,
				measured[(int) (measured.length * 0.99)] / 1e6);
		swarms.forEach((swarm) -> swarm.close(Duration.ofSeconds(2)));
	}

	private static void awaitMeshes(List<Pubsub> pubsubs) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (pubsubs.stream()
			.anyMatch((pubsub) -> pubsub.topics().isEmpty() || pubsub.topics().get(0).mesh().size() < 5)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the meshes did not form within 30 s");
			}
			Thread.sleep(50);
		}
	}

}
