package io.jlibp2p.spring.autoconfigure.mdns;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.jlibp2p.protocol.mdns.Mdns;

/**
 * mDNS meters: {@code libp2p.mdns.peers} (gauge of peers whose answers have not expired)
 * and {@code libp2p.mdns.malformed} (packets that could not be parsed).
 */
public class MdnsMeters implements MeterBinder {

	private final Mdns mdns;

	/**
	 * Creates the binder.
	 * @param mdns the discovery behaviour
	 */
	public MdnsMeters(Mdns mdns) {
		this.mdns = mdns;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("libp2p.mdns.peers", this.mdns, (discovery) -> discovery.discoveredPeers().size())
			.description("Peers discovered on the local network whose answers have not expired")
			.register(registry);
		FunctionCounter.builder("libp2p.mdns.malformed", this.mdns, Mdns::malformedPackets)
			.description("mDNS packets that could not be parsed")
			.register(registry);
	}

}
