package io.jlibp2p.spring.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.StreamFailedEvent;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.resources.Resource;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.Direction;
import io.jlibp2p.transport.NetworkMetrics;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

/**
 * Binds a swarm's {@link NetworkMetrics} and state to Micrometer. Every tag takes its
 * values from a small fixed set; no peer ids, addresses or topics. The meters read the
 * swarm's own counters, so nothing is counted twice.
 *
 * <table>
 * <tr>
 * <th>meter</th>
 * <th>type</th>
 * <th>tags</th>
 * </tr>
 * <tr>
 * <td>{@code libp2p.connections}</td>
 * <td>gauge</td>
 * <td>{@code direction}</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.connections.opened}</td>
 * <td>counter</td>
 * <td>{@code direction}</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.connections.closed}</td>
 * <td>counter</td>
 * <td>{@code cause}</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.upgrade.failures}</td>
 * <td>counter</td>
 * <td>{@code stage}</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.transport.bytes}</td>
 * <td>counter, bytes</td>
 * <td>{@code direction} ({@code in}, {@code out})</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.peers.known}</td>
 * <td>gauge</td>
 * <td></td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.dials}</td>
 * <td>counter</td>
 * <td>{@code outcome} ({@code success}, {@code failure})</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.streams.opened}</td>
 * <td>counter</td>
 * <td>{@code protocol} (at most 64 ids, then {@code other})</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.streams.failed}</td>
 * <td>counter</td>
 * <td>{@code protocol} (as above), {@code cause} ({@code malformed}, {@code limit},
 * {@code timeout})</td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.streams.refused}</td>
 * <td>counter</td>
 * <td></td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.events.dropped}</td>
 * <td>counter</td>
 * <td></td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.ping.rtt}</td>
 * <td>timer</td>
 * <td></td>
 * </tr>
 * <tr>
 * <td>{@code libp2p.ping.failures}</td>
 * <td>counter</td>
 * <td></td>
 * </tr>
 * </table>
 */
public final class Libp2pMetrics implements MeterBinder {

	private static final Duration PROTOCOL_REFRESH = Duration.ofSeconds(5);

	private final Swarm swarm;

	private final @Nullable Ping ping;

	private final @Nullable SwarmLifecycle lifecycle;

	/**
	 * Creates the binder.
	 * @param swarm the swarm to observe
	 * @param ping the ping behaviour whose periodic pings feed the round-trip timer, or
	 * {@code null} without ping
	 * @param lifecycle the lifecycle whose dropped peer events are counted, or
	 * {@code null}
	 */
	public Libp2pMetrics(Swarm swarm, @Nullable Ping ping, @Nullable SwarmLifecycle lifecycle) {
		this.swarm = swarm;
		this.ping = ping;
		this.lifecycle = lifecycle;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		NetworkMetrics metrics = this.swarm.metrics();
		for (Direction direction : Direction.values()) {
			String tag = direction.name().toLowerCase(Locale.ROOT);
			Gauge
				.builder("libp2p.connections", this.swarm,
						(swarm) -> swarm.connections().stream().filter((c) -> c.direction() == direction).count())
				.description("Open connections")
				.tag("direction", tag)
				.register(registry);
			FunctionCounter.builder("libp2p.connections.opened", metrics, (m) -> m.connectionsOpened(direction))
				.description("Connections established")
				.tag("direction", tag)
				.register(registry);
		}
		for (CloseReason.Cause cause : CloseReason.Cause.values()) {
			FunctionCounter.builder("libp2p.connections.closed", metrics, (m) -> m.connectionsClosed(cause))
				.description("Connections closed, by cause")
				.tag("cause", cause.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		bindResources(registry, this.swarm.resourceManager());
		for (UpgradeFailure stage : UpgradeFailure.values()) {
			FunctionCounter.builder("libp2p.upgrade.failures", metrics, (m) -> m.upgradeFailures(stage))
				.description("Dials and inbound connections that failed before being established, by stage")
				.tag("stage", stage.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		for (ConnectionGater.Checkpoint checkpoint : ConnectionGater.Checkpoint.values()) {
			FunctionCounter.builder("libp2p.gater.refused", metrics, (m) -> m.gaterRefusals(checkpoint))
				.description("Connections the connection gater refused, by checkpoint")
				.tag("checkpoint", checkpoint.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		FunctionCounter.builder("libp2p.transport.bytes", metrics, NetworkMetrics::bytesRead)
			.description("Bytes read from raw connections, encryption and framing included")
			.baseUnit("bytes")
			.tag("direction", "in")
			.register(registry);
		FunctionCounter.builder("libp2p.transport.bytes", metrics, NetworkMetrics::bytesWritten)
			.description("Bytes written to raw connections, encryption and framing included")
			.baseUnit("bytes")
			.tag("direction", "out")
			.register(registry);
		Gauge.builder("libp2p.peers.known", this.swarm, (swarm) -> swarm.peerStore().peers().size())
			.description("Peers in the peer store")
			.register(registry);
		FunctionCounter.builder("libp2p.dials", metrics, (m) -> m.connectionsOpened(Direction.OUTBOUND))
			.description("Dials, by outcome")
			.tag("outcome", "success")
			.register(registry);
		FunctionCounter.builder("libp2p.dials", metrics, NetworkMetrics::dialsFailed)
			.description("Dials, by outcome")
			.tag("outcome", "failure")
			.register(registry);
		FunctionCounter.builder("libp2p.streams.refused", metrics, NetworkMetrics::streamsRefused)
			.description("Inbound streams refused because no protocol was agreed")
			.register(registry);
		if (this.lifecycle != null) {
			FunctionCounter.builder("libp2p.events.dropped", this.lifecycle, SwarmLifecycle::droppedEvents)
				.description("Peer connected and disconnected events dropped because listeners fell behind")
				.register(registry);
		}
		bindStreams(registry, metrics);
		bindPing(registry);
	}

	/**
	 * Registers the stream counters of every protocol seen so far, and again every few
	 * seconds for protocols seen since; the swarm caps protocols at 64.
	 */
	private void bindStreams(MeterRegistry registry, NetworkMetrics metrics) {
		Set<String> bound = ConcurrentHashMap.newKeySet();
		Runnable refresh = () -> {
			bindByProtocol(registry, bound, metrics, "libp2p.streams.opened", "Streams opened, by protocol",
					Tags.empty(), NetworkMetrics::streamsOpened);
			for (StreamFailedEvent.Cause cause : StreamFailedEvent.Cause.values()) {
				bindByProtocol(registry, bound, metrics, "libp2p.streams.failed",
						"Streams reset because of what the peer did, by protocol and cause",
						Tags.of("cause", cause.name().toLowerCase(Locale.ROOT)), (m) -> m.streamsFailed(cause));
			}
		};
		refresh.run();
		this.swarm.scheduler().scheduleRepeatedly(refresh, PROTOCOL_REFRESH, PROTOCOL_REFRESH);
	}

	/**
	 * Registers a counter for each protocol not bound yet. The counters hold the metrics
	 * object itself: Micrometer keeps only a weak reference to it.
	 */
	private static void bindByProtocol(MeterRegistry registry, Set<String> bound, NetworkMetrics metrics, String name,
			String description, Tags tags, Function<NetworkMetrics, Map<String, Long>> counts) {
		for (String protocol : counts.apply(metrics).keySet()) {
			if (bound.add(name + tags + protocol)) {
				FunctionCounter.builder(name, metrics, (m) -> counts.apply(m).getOrDefault(protocol, 0L))
					.description(description)
					.tags(tags)
					.tag("protocol", protocol)
					.register(registry);
			}
		}
	}

	private void bindPing(MeterRegistry registry) {
		if (this.ping == null) {
			return;
		}
		Timer rtt = Timer.builder("libp2p.ping.rtt")
			.description("Round trips of the periodic pings")
			.register(registry);
		Counter failures = Counter.builder("libp2p.ping.failures")
			.description("Periodic pings that failed or timed out")
			.register(registry);
		this.ping.addListener((event) -> {
			Duration measured = event.rtt();
			if (measured != null) {
				rtt.record(measured);
			}
			else {
				failures.increment();
			}
		});
	}

	private static void bindResources(MeterRegistry registry, ResourceManager resources) {
		for (ScopeKind scope : ScopeKind.values()) {
			for (Resource resource : Resource.values()) {
				FunctionCounter.builder("libp2p.resources.blocked", resources, (r) -> r.blocked(scope, resource))
					.description("Reservations the resource manager refused, by scope and resource")
					.tag("scope", scope.tag())
					.tag("resource", resource.tag())
					.register(registry);
			}
		}
		Gauge.builder("libp2p.resources.memory", resources, (r) -> r.systemUsage().memory())
			.description("Memory reserved for stream buffers and windows, in all")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("libp2p.resources.file.descriptors", resources, (r) -> r.systemUsage().fileDescriptors())
			.description("Sockets the node holds, accepted and dialed, counted against its file descriptor limit")
			.register(registry);
		for (Direction direction : Direction.values()) {
			Gauge
				.builder("libp2p.resources.streams", resources,
						(r) -> (direction == Direction.INBOUND) ? r.systemUsage().streamsInbound()
								: r.systemUsage().streamsOutbound())
				.description("Open streams counted by the resource manager")
				.tag("direction", direction.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

}
