package io.jlibp2p.spring.autoconfigure.pubsub;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubMetrics;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.Swarm;

/**
 * Pubsub meters: messages by outcome, malformed RPCs, dropped events, subscribed topics
 * and mesh peers. Mesh peers carry a {@code topic} tag only when
 * {@code libp2p.pubsub.topic-tags} is on; otherwise they are summed over topics, because
 * peers choose topic names and tags must stay few.
 */
public class PubsubMeters implements MeterBinder {

	private final Swarm swarm;

	private final Pubsub pubsub;

	private final PubsubEventPublisher events;

	private final boolean topicTags;

	/**
	 * Creates the binder.
	 * @param swarm the node, whose scheduler refreshes per-topic rows
	 * @param pubsub the pubsub behaviour
	 * @param events the event publisher, which counts dropped events
	 * @param topicTags whether mesh sizes are tagged by topic
	 */
	public PubsubMeters(Swarm swarm, Pubsub pubsub, PubsubEventPublisher events, boolean topicTags) {
		this.swarm = swarm;
		this.pubsub = pubsub;
		this.events = events;
		this.topicTags = topicTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		PubsubMetrics metrics = this.pubsub.metrics();
		for (PubsubMetrics.Outcome outcome : PubsubMetrics.Outcome.values()) {
			FunctionCounter.builder("libp2p.pubsub.messages", metrics, (m) -> m.messages(outcome))
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.description("Pubsub messages by what became of them")
				.register(registry);
		}
		FunctionCounter.builder("libp2p.pubsub.rpcs.malformed", metrics, PubsubMetrics::malformedRpcs)
			.description("Pubsub RPCs that were malformed or over a limit; each closed its stream")
			.register(registry);
		FunctionCounter.builder("libp2p.pubsub.events.dropped", this.events, PubsubEventPublisher::dropped)
			.description("Messages not published as Spring events because the event queue was full")
			.register(registry);
		Gauge
			.builder("libp2p.pubsub.topics", this.pubsub,
					(p) -> p.topics().stream().filter(PubsubTopic::subscribed).count())
			.description("Topics this node subscribes to")
			.register(registry);
		if (this.topicTags) {
			MultiGauge mesh = MultiGauge.builder("libp2p.pubsub.mesh.peers")
				.description("Gossipsub mesh peers per subscribed topic")
				.register(registry);
			Runnable refresh = () -> mesh.register(this.pubsub.topics()
				.stream()
				.filter(PubsubTopic::subscribed)
				.map((topic) -> MultiGauge.Row.of(Tags.of("topic", topic.topic()), topic.mesh().size()))
				.toList(), true);
			refresh.run();
			// Topics come and go: the rows follow them, as often as gossipsub's
			// heartbeat.
			this.swarm.scheduler().scheduleRepeatedly(refresh, Duration.ofSeconds(1), Duration.ofSeconds(1));
		}
		else {
			Gauge
				.builder("libp2p.pubsub.mesh.peers", this.pubsub,
						(p) -> p.topics().stream().mapToInt((topic) -> topic.mesh().size()).sum())
				.description("Gossipsub mesh peers, summed over topics")
				.register(registry);
		}
	}

}
