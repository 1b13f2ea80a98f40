package io.jlibp2p.spring.autoconfigure.pubsub;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;
import io.jlibp2p.spring.autoconfigure.support.BeforeTheSwarmLifecycle;

/**
 * Runs the {@link PubsubListener} methods: when the application starts it builds them,
 * subscribes to their topics and hands them every message from the pubsub event thread;
 * when it stops it leaves those topics (telling the peers, when it stops on its own
 * rather than with the swarm). Starts after the {@link PubsubEventPublisher}'s thread and
 * before the swarm listens.
 */
public class PubsubListenerContainer extends BeforeTheSwarmLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PubsubListenerContainer.class);

	private final Pubsub pubsub;

	private final PubsubEventPublisher events;

	private final AnnotatedMethods<PubsubListener> methods;

	private final Payloads payloads;

	private final FailureRecorder failures;

	private final Consumer<PubsubMessageEvent> dispatch = this::dispatch;

	private volatile List<PubsubListenerEndpoint> endpoints = List.of();

	/**
	 * Creates the container.
	 * @param pubsub the pubsub behaviour
	 * @param events where messages come from
	 * @param methods the listener methods found
	 * @param payloads the converters
	 * @param failures where failures are counted besides the log
	 */
	public PubsubListenerContainer(Pubsub pubsub, PubsubEventPublisher events, AnnotatedMethods<PubsubListener> methods,
			Payloads payloads, FailureRecorder failures) {
		this.pubsub = pubsub;
		this.events = events;
		this.methods = methods;
		this.payloads = payloads;
		this.failures = failures;
	}

	@Override
	protected void startContainer() {
		this.endpoints = this.methods.found()
			.stream()
			.map((found) -> new PubsubListenerEndpoint(found, this.payloads))
			.toList();
		this.events.addListener(this.dispatch);
		for (String topic : topics()) {
			this.pubsub.subscribe(topic).orTimeout(10, TimeUnit.SECONDS).join();
		}
		if (!this.endpoints.isEmpty()) {
			logger.info("@PubsubListener methods: {}", this.endpoints);
		}
	}

	private Set<String> topics() {
		Set<String> topics = new LinkedHashSet<>();
		this.endpoints.forEach((endpoint) -> topics.addAll(endpoint.topics()));
		return topics;
	}

	private void dispatch(PubsubMessageEvent event) {
		for (PubsubListenerEndpoint endpoint : this.endpoints) {
			String failure = endpoint.deliver(event);
			if (failure != null) {
				this.failures.failed(endpoint.id(), failure);
			}
		}
	}

	/**
	 * Returns the listeners' ids.
	 * @return the ids, in the order their beans were created; empty before the start
	 */
	public List<String> listenerIds() {
		return this.endpoints.stream().map(PubsubListenerEndpoint::id).toList();
	}

	/**
	 * Returns how often a listener failed.
	 * @param id the listener's id
	 * @return its failures, 0 for an unknown id
	 */
	public long failures(String id) {
		return this.endpoints.stream()
			.filter((endpoint) -> endpoint.id().equals(id))
			.mapToLong(PubsubListenerEndpoint::failures)
			.sum();
	}

	@Override
	protected void stopContainer() {
		this.events.removeListener(this.dispatch);
		// Not waited for: when the whole context stops, the swarm has stopped first and
		// its thread takes no more tasks.
		topics().forEach(this.pubsub::unsubscribe);
	}

	/** Counts listener failures, say as a meter. */
	@FunctionalInterface
	public interface FailureRecorder {

		/** Counts nothing. */
		FailureRecorder NONE = (listener, cause) -> {
		};

		/**
		 * Counts one failure.
		 * @param listener the listener's id
		 * @param cause {@code unreadable}, {@code condition} or {@code exception}
		 */
		void failed(String listener, String cause);

	}

}
