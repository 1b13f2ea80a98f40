package io.jlibp2p.faults;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * The soak: the churn workload of {@link ChurnTest} for hours, outside CI
 * ({@code src/bench/soak.sh}). Every minute each stable node reports its heap, direct
 * memory, threads and open file descriptors, written as CSV; flat lines mean nothing
 * leaks.
 *
 * <pre>
 * java io.jlibp2p.faults.Soak MINUTES OUTPUT.csv
 * </pre>
 */
public final class Soak {

	private static final int NODES = 12;

	private static final int STABLE = 6;

	private static final int PER_NODE_PER_SECOND = 17;

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int minutes = Integer.parseInt(args[0]);
		Path output = Path.of(args[1]);
		Path directory = Files.createTempDirectory("jlibp2p-soak");
		Map<Integer, String> stats = new ConcurrentHashMap<>();
		try (ChurnNetwork network = new ChurnNetwork(directory, NODES, 3, ChurnNetwork.SMALL_JVM, false);
				PrintWriter csv = new PrintWriter(Files.newBufferedWriter(output))) {
			network.addListener((line) -> {
				String[] fields = line.split(" ");
				if (fields.length == 6 && fields[1].equals("STATS")) {
					stats.put(Integer.parseInt(fields[0]),
							String.join(",", fields[2], fields[3], fields[4], fields[5]));
				}
			});
			for (int i = 0; i < NODES; i++) {
				network.start(i);
			}
			await().atMost(90, TimeUnit.SECONDS).until(() -> IntStream.range(0, NODES).allMatch(network::isReady));
			for (int i = 0; i < NODES; i++) {
				network.send(i, "publish " + PER_NODE_PER_SECOND);
			}
			csv.println("minute,time,node,heap_bytes_after_gc,direct_bytes,threads,open_fds,restarts");
			Random random = new Random(1);
			int restarts = 0;
			for (int minute = 1; minute <= minutes; minute++) {
				restarts += network.churn(Duration.ofMinutes(1), STABLE, PER_NODE_PER_SECOND, random);
				stats.clear();
				for (int node = 0; node < STABLE; node++) {
					network.send(node, "stats");
				}
				await().atMost(30, TimeUnit.SECONDS).until(() -> stats.size() == STABLE);
				for (int node = 0; node < STABLE; node++) {
					csv.println(minute + "," + Instant.now() + "," + node + "," + stats.get(node) + "," + restarts);
				}
				csv.flush();
			}
		}
	}

}
