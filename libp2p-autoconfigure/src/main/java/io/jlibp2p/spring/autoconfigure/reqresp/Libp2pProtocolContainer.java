package io.jlibp2p.spring.autoconfigure.reqresp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;
import io.jlibp2p.spring.autoconfigure.support.BeforeTheSwarmLifecycle;

/**
 * Serves the {@link Libp2pProtocol} methods: builds them when the application starts,
 * before the swarm listens, and stops serving them when it stops.
 */
public class Libp2pProtocolContainer extends BeforeTheSwarmLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Libp2pProtocolContainer.class);

	private final RequestResponse requestResponse;

	private final AnnotatedMethods<Libp2pProtocol> methods;

	private final Payloads payloads;

	private final Executor executor;

	private final ProtocolMeters meters;

	private volatile List<String> protocols = List.of();

	/**
	 * Creates the container.
	 * @param requestResponse the behaviour that serves them
	 * @param methods the handler methods found
	 * @param payloads the converters
	 * @param executor where handler methods run
	 * @param meters registers each protocol's meters
	 */
	public Libp2pProtocolContainer(RequestResponse requestResponse, AnnotatedMethods<Libp2pProtocol> methods,
			Payloads payloads, Executor executor, ProtocolMeters meters) {
		this.requestResponse = requestResponse;
		this.methods = methods;
		this.payloads = payloads;
		this.executor = executor;
		this.meters = meters;
	}

	@Override
	protected void startContainer() {
		List<ProtocolMethod> handlers = this.methods.found()
			.stream()
			.map((found) -> new ProtocolMethod(found, this.payloads, this.executor))
			.toList();
		Set<String> seen = new HashSet<>();
		for (ProtocolMethod handler : handlers) {
			if (!seen.add(handler.protocol())) {
				throw new IllegalStateException("two @Libp2pProtocol methods serve " + handler.protocol());
			}
		}
		for (ProtocolMethod handler : handlers) {
			this.requestResponse.serve(handler.protocol(), handler);
			this.meters.seen(handler.protocol());
		}
		this.protocols = List.copyOf(seen);
		if (!seen.isEmpty()) {
			logger.info("@Libp2pProtocol handlers: {}", seen);
		}
	}

	/**
	 * Returns the protocols served.
	 * @return their ids
	 */
	public List<String> protocols() {
		return this.protocols;
	}

	@Override
	protected void stopContainer() {
		this.protocols.forEach(this.requestResponse::stopServing);
	}

}
