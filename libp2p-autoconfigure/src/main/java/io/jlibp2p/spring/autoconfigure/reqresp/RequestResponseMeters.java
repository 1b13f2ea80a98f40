package io.jlibp2p.spring.autoconfigure.reqresp;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Direction;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Outcome;

/**
 * {@code libp2p.requests{protocol,direction,outcome}}: requests answered here
 * ({@code inbound}) and sent from here ({@code outbound}), by how they ended, for each
 * protocol served or used (the application's own, so a bounded set).
 */
public class RequestResponseMeters implements MeterBinder, ProtocolMeters {

	private final RequestResponseMetrics metrics;

	private final Set<String> protocols = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the meters.
	 * @param requestResponse the behaviour that counts
	 */
	public RequestResponseMeters(RequestResponse requestResponse) {
		this.metrics = requestResponse.metrics();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.protocols.forEach((protocol) -> register(registry, protocol));
	}

	@Override
	public void seen(String protocol) {
		MeterRegistry bound = this.registry;
		if (this.protocols.add(protocol) && bound != null) {
			register(bound, protocol);
		}
	}

	private void register(MeterRegistry registry, String protocol) {
		for (Direction direction : Direction.values()) {
			for (Outcome outcome : Outcome.values()) {
				FunctionCounter.builder("libp2p.requests", this.metrics, (m) -> m.count(protocol, direction, outcome))
					.description("Request-response requests by how they ended")
					.tag("protocol", protocol)
					.tag("direction", direction.name().toLowerCase(Locale.ROOT))
					.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
		}
	}

}
