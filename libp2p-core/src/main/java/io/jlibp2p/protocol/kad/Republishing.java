package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.time.Scheduler;

/**
 * What this node put and provides, published again every half TTL while it runs so that
 * records outlive the peers that first stored them. Bounded by the store limits. Used on
 * the swarm's thread only.
 */
final class Republishing {

	private static final Logger logger = LoggerFactory.getLogger(Republishing.class);

	private final KadConfig config;

	private final Map<ByteString, byte[]> published = new LinkedHashMap<>();

	private final Set<ByteString> provided = new LinkedHashSet<>();

	Republishing(KadConfig config) {
		this.config = config;
	}

	void recordPut(byte[] key, byte[] value) {
		ByteString id = ByteString.copyFrom(key);
		if (this.published.containsKey(id) || this.published.size() < this.config.limits().maxRecords()) {
			this.published.put(id, value.clone());
		}
	}

	void keyProvided(byte[] key) {
		if (this.provided.size() < this.config.limits().maxProviderKeys()) {
			this.provided.add(ByteString.copyFrom(key));
		}
	}

	void stopProviding(byte[] key) {
		this.provided.remove(ByteString.copyFrom(key));
	}

	/**
	 * Starts the timers.
	 * @param scheduler the swarm's scheduler
	 * @param put stores a record in the DHT
	 * @param provide announces a key in the DHT
	 * @return the timers
	 */
	List<Scheduler.Cancellable> start(Scheduler scheduler, BiFunction<byte[], byte[], CompletableFuture<Integer>> put,
			Function<byte[], CompletableFuture<Integer>> provide) {
		Duration republish = this.config.lifetimes().record().dividedBy(2);
		Duration reprovide = this.config.lifetimes().provider().dividedBy(2);
		return List.of(
				scheduler
					.scheduleRepeatedly(
							() -> List.copyOf(this.published.entrySet())
								.forEach((entry) -> logOutcome("republishing a record",
										put.apply(entry.getKey().toByteArray(), entry.getValue()))),
							republish, republish),
				scheduler.scheduleRepeatedly(
						() -> List.copyOf(this.provided)
							.forEach((key) -> logOutcome("providing a key again", provide.apply(key.toByteArray()))),
						reprovide, reprovide));
	}

	private static void logOutcome(String what, CompletableFuture<Integer> stored) {
		stored.whenComplete((peers, failure) -> {
			if (failure != null) {
				logger.debug("{} failed: {}", what, failure.getMessage());
			}
			else {
				logger.debug("{}: {} peers took it", what, peers);
			}
		});
	}

}
