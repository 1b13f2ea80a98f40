package io.jlibp2p.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twelve nodes in twelve JVMs; the last six are killed with SIGKILL and started again
 * every few seconds for three minutes while 200 messages a second flow on one gossipsub
 * topic. Every message a node that stays up published reaches every node that stays up,
 * and DHT records put before the churn are found after it. The long fault suite: it runs
 * on JDK 25 only (the second run of CI), where it takes about five minutes.
 */
@EnabledForJreRange(min = JRE.JAVA_25)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ChurnTest {

	private static final int NODES = 12;

	private static final int STABLE = 6;

	private static final int MESSAGES_PER_SECOND = 200;

	private static final Duration CHURN = Duration.ofMinutes(3);

	/**
	 * What each stable receiver misses of each stable origin, as "receiver<-origin:
	 * count".
	 */
	private static List<String> missing(ChurnNetwork network, int[] stable) {
		List<String> missing = new ArrayList<>();
		for (int receiver : stable) {
			for (int origin : stable) {
				long count = (receiver != origin) ? network.missing(receiver, origin) : 0;
				if (count > 0) {
					missing.add(receiver + "<-" + origin + ": " + count + " of " + network.published(origin).size());
				}
			}
		}
		return missing;
	}

	@Test
	void everyMessageOfAStableNodeReachesEveryStableNodeAndRecordsSurviveTheChurn(@TempDir Path directory)
			throws Exception {
		try (ChurnNetwork network = new ChurnNetwork(directory, NODES, 3, ChurnNetwork.SMALL_JVM, true)) {
			for (int i = 0; i < NODES; i++) {
				network.start(i);
			}
			await().atMost(90, TimeUnit.SECONDS).until(() -> IntStream.range(0, NODES).allMatch(network::isReady));
			for (int i = 0; i < 20; i++) {
				network.send(0, "put record-" + i + " value-" + i);
			}
			await().atMost(60, TimeUnit.SECONDS)
				.until(() -> network.lines().stream().filter((line) -> line.startsWith("0 PUT ")).count() == 20);
			for (int i = 0; i < NODES; i++) {
				network.send(i, "publish " + (MESSAGES_PER_SECOND / NODES + 1));
			}

			int restarts = network.churn(CHURN, STABLE, MESSAGES_PER_SECOND / NODES + 1, new Random(42));
			for (int i = 0; i < NODES; i++) {
				if (network.isAlive(i)) {
					network.send(i, "stop");
				}
			}

			int[] stable = IntStream.range(0, STABLE).toArray();
			try {
				await().atMost(60, TimeUnit.SECONDS)
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> missing(network, stable).isEmpty());
			}
			catch (ConditionTimeoutException ex) {
				// reported below, with the numbers
			}
			assertThat(missing(network, stable)).as("messages of stable nodes missing at stable nodes").isEmpty();
			long sent = IntStream.of(stable).mapToLong((origin) -> network.published(origin).size()).sum();
			System.out.printf("churn: %d restarts in %s; %d messages published by the %d stable nodes, "
					+ "all delivered to the other %d%n", restarts, CHURN, sent, STABLE, STABLE - 1);
			assertThat(sent).as("messages the stable nodes published").isGreaterThan(10_000);
			// a restart waits for the JVM to start: 19 to 36 of them in three minutes
			// here
			assertThat(restarts).as("restarts").isGreaterThanOrEqualTo(10);

			for (int reader : new int[] { 1, 5, NODES - 1 }) {
				if (!network.isAlive(reader)) {
					continue;
				}
				for (int i = 0; i < 20; i++) {
					network.send(reader, "get record-" + i);
				}
				int node = reader;
				await().atMost(60, TimeUnit.SECONDS)
					.until(() -> network.lines()
						.stream()
						.filter((line) -> line.startsWith(node + " GOT ") || line.startsWith(node + " MISS "))
						.count() == 20);
				assertThat(network.lines()).filteredOn((line) -> line.startsWith(node + " GOT ")).hasSize(20);
			}
		}
	}

}
