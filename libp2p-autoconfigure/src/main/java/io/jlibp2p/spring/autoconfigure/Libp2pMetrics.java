package io.jlibp2p.spring.autoconfigure;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.swarm.Swarm;
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
 * </table>
 */
public final class Libp2pMetrics implements MeterBinder {

	private final Swarm swarm;

	/**
	 * Creates the binder.
	 * @param swarm the swarm to observe
	 */
	public Libp2pMetrics(Swarm swarm) {
		this.swarm = swarm;
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
		for (UpgradeFailure stage : UpgradeFailure.values()) {
			FunctionCounter.builder("libp2p.upgrade.failures", metrics, (m) -> m.upgradeFailures(stage))
				.description("Dials and inbound connections that failed before being established, by stage")
				.tag("stage", stage.name().toLowerCase(Locale.ROOT))
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
	}

}
