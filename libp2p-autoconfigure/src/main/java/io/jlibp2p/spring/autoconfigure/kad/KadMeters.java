package io.jlibp2p.spring.autoconfigure.kad;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.jlibp2p.protocol.kad.Kademlia;

/**
 * DHT meters: {@code libp2p.kad.routing.table.size} (gauge) and
 * {@code libp2p.kad.queries} (one timer, tags {@code type} and {@code outcome}: its count
 * is the number of operations, its times how long they took); types and outcomes come
 * from small fixed sets.
 */
public class KadMeters implements MeterBinder {

	private final Kademlia kad;

	/**
	 * Creates the binder.
	 * @param kad the DHT
	 */
	public KadMeters(Kademlia kad) {
		this.kad = kad;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("libp2p.kad.routing.table.size", this.kad, Kademlia::tableSize)
			.description("Peers in the DHT routing table")
			.register(registry);
		this.kad.addQueryListener((event) -> {
			Timer.builder("libp2p.kad.queries")
				.description("DHT operations and how long they took, by type and outcome")
				.tag("type", event.type())
				.tag("outcome", event.succeeded() ? "success" : "failure")
				.register(registry)
				.record(event.duration());
		});
	}

}
