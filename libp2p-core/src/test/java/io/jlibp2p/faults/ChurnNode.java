package io.jlibp2p.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.swarm.BootstrapPeers;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.DirectMemory;

/**
 * One node of the churn workload, in a JVM of its own so that it can be killed: a swarm
 * with identify, ping, gossipsub and the DHT on a fixed loopback port and a fixed key (so
 * that a restarted node is the same peer at the same address), staying connected to its
 * bootstrap peers. It prints one line per event and takes one command per line:
 *
 * <pre>
 * java io.jlibp2p.faults.ChurnNode INDEX PORT KEY_FILE [BOOTSTRAP_MULTIADDR,...]
 *   stdout: READY | P seq (published) | R origin seq (received) | GOT key value | MISS key
 *           | STATS heapBytes directBytes threads openFds
 *   stdin:  publish PER_SECOND | stop | put KEY VALUE | get KEY | stats
 * </pre>
 *
 * Closing stdin stops it.
 */
public final class ChurnNode {

	/** The topic every node publishes to. */
	static final String TOPIC = "churn";

	/** The record namespace the workload puts records in. */
	static final String NAMESPACE = "churn";

	private final int index;

	private final Swarm swarm;

	private final Pubsub pubsub;

	private final Kademlia kad;

	private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sequence = new AtomicLong();

	private ScheduledFuture<?> publishing;

	private ChurnNode(int index, PrivateKey key, List<Multiaddr> bootstrap) {
		this.index = index;
		this.pubsub = new Pubsub(PubsubConfig.DEFAULT);
		this.kad = new Kademlia(KadConfig.DEFAULT.withValidators(Map.of(NAMESPACE, RecordValidator.ACCEPT_ANY)));
		this.swarm = Swarm.builder()
			.identity(key)
			.behaviour(new Identify(IdentifyConfig.DEFAULT))
			.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(10), Duration.ofSeconds(60))))
			.behaviour(this.pubsub)
			.behaviour(this.kad)
			.behaviour(new BootstrapPeers(bootstrap, Duration.ofMillis(500), Duration.ofSeconds(2)))
			.build();
		this.pubsub.addListener((message) -> {
			String[] payload = new String(message.data(), StandardCharsets.UTF_8).split(":");
			print("R " + payload[0] + " " + payload[1]);
		});
	}

	public static void main(String[] args) throws Exception {
		int index = Integer.parseInt(args[0]);
		int port = Integer.parseInt(args[1]);
		PrivateKey key = Keys.unmarshalPrivateKey(Files.readAllBytes(Path.of(args[2])));
		List<Multiaddr> bootstrap = (args.length > 3) ? Arrays.stream(args[3].split(","))
			.filter((address) -> !address.isBlank())
			.map(Multiaddr::parse)
			.toList() : List.of();
		ChurnNode node = new ChurnNode(index, key, bootstrap);
		node.swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port)).join();
		node.pubsub.subscribe(TOPIC).join();
		print("READY");
		try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = commands.readLine()) != null) {
				node.run(line.trim().split(" "));
			}
		}
		finally {
			node.publisher.shutdownNow();
			node.swarm.close();
		}
	}

	private void run(String[] command) {
		switch (command[0]) {
			case "publish" -> {
				long periodMicros = 1_000_000L / Integer.parseInt(command[1]);
				this.publishing = this.publisher.scheduleAtFixedRate(this::publishOne, 0, periodMicros,
						TimeUnit.MICROSECONDS);
			}
			case "stop" -> {
				if (this.publishing != null) {
					this.publishing.cancel(false);
				}
			}
			case "put" -> this.kad.putValue(recordKey(command[1]), command[2].getBytes(StandardCharsets.UTF_8))
				.whenComplete(
						(stored, failure) -> print((failure == null) ? "PUT " + command[1] : "UNPUT " + command[1]));
			case "get" ->
				this.kad.getValue(recordKey(command[1]))
					.whenComplete((value,
							failure) -> print((value != null)
									? "GOT " + command[1] + " " + new String(value, StandardCharsets.UTF_8)
									: "MISS " + command[1]));
			case "stats" -> {
				System.gc(); // the heap that is live, not the garbage of the last minute
				print("STATS " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " "
						+ DirectMemory.used() + " " + Thread.activeCount() + " " + openFileDescriptors());
			}
			default -> print("UNKNOWN " + command[0]);
		}
	}

	private void publishOne() {
		long seq = this.sequence.incrementAndGet();
		byte[] payload = (this.index + ":" + seq).getBytes(StandardCharsets.UTF_8);
		this.pubsub.publish(TOPIC, payload).whenComplete((id, failure) -> {
			if (failure == null) {
				print("P " + seq);
			}
		});
	}

	private static byte[] recordKey(String name) {
		return ("/" + NAMESPACE + "/" + name).getBytes(StandardCharsets.UTF_8);
	}

	private static long openFileDescriptors() {
		String[] fds = new java.io.File("/proc/self/fd").list();
		return (fds != null) ? fds.length : -1;
	}

	private static synchronized void print(String line) {
		System.out.println(line);
		System.out.flush();
	}

}
