package io.jlibp2p.spring.autoconfigure.pubsub;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.jlibp2p.protocol.pubsub.GossipsubConfig;
import io.jlibp2p.protocol.pubsub.MessageIdFunction;
import io.jlibp2p.protocol.pubsub.PeerScoreParams;
import io.jlibp2p.protocol.pubsub.PeerScoreThresholds;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.protocol.pubsub.TopicValidator;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pProperties;
import io.jlibp2p.spring.autoconfigure.PubsubProperties;
import io.jlibp2p.spring.autoconfigure.payload.PayloadConverter;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.payload.PayloadsConfiguration;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;
import io.jlibp2p.spring.autoconfigure.web.ConditionalOnLibp2pRest;
import io.jlibp2p.spring.autoconfigure.web.PubsubRestController;
import io.jlibp2p.swarm.Swarm;

/**
 * Auto-configuration of publish/subscribe, unless {@code libp2p.pubsub.router} is
 * {@code none}. Registers, each unless the application defines its own: the
 * {@link PubsubConfig} from {@code libp2p.pubsub.*}, the {@link Pubsub} behaviour with
 * every {@link TopicValidator} bean, the {@link PubsubEventPublisher} that turns inbound
 * messages into {@link PubsubMessageEvent}s, the {@link PubsubListenerContainer} that
 * runs {@link PubsubListener} methods, the {@link PubsubTemplate}, the {@link Payloads}
 * both use (with every {@link PayloadConverter} bean first and JSON last),
 * {@link PubsubMeters}, and the {@link PubsubRestController}.
 */
@AutoConfiguration(after = Libp2pAutoConfiguration.class)
@ConditionalOnBean(Swarm.class)
@Conditional(Libp2pPubsubAutoConfiguration.PubsubEnabled.class)
@Import(PayloadsConfiguration.class)
public final class Libp2pPubsubAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PubsubConfig libp2pPubsubConfig(Libp2pProperties properties) {
		PubsubProperties pubsub = properties.pubsub();
		PubsubProperties.Gossipsub gossip = pubsub.gossipsub();
		PubsubProperties.Scoring scoring = pubsub.scoring();
		GossipsubConfig defaults = GossipsubConfig.DEFAULT;
		try {
			GossipsubConfig gossipsub = defaults
				.withMesh(new GossipsubConfig.Mesh(gossip.d(), gossip.dLow(), gossip.dHigh(), gossip.dScore(),
						gossip.dOut()))
				.withGossip(new GossipsubConfig.Gossip(gossip.dLazy(), defaults.gossip().factor(),
						gossip.historyLength(), gossip.historyGossip(), defaults.gossip().retransmission(),
						defaults.gossip().maxIHaveLength(), defaults.gossip().maxIHaveMessages(),
						defaults.gossip().iwantFollowupTime()))
				.withHeartbeat(new GossipsubConfig.Heartbeat(gossip.heartbeatInterval(),
						defaults.heartbeat().initialDelay(), gossip.fanoutTtl()))
				.withBackoff(new GossipsubConfig.Backoff(gossip.pruneBackoff(), defaults.backoff().unsubscribe(),
						defaults.backoff().graftFloodThreshold()))
				.withPeerExchange(
						new GossipsubConfig.PeerExchange(gossip.peerExchange(), defaults.peerExchange().peers()))
				.withFloodPublish(gossip.floodPublish())
				.withIdontwant(new GossipsubConfig.Idontwant((int) gossip.idontwantMinSize().toBytes(),
						defaults.idontwant().maxMessages()));
			PeerScoreThresholds thresholds = new PeerScoreThresholds(scoring.gossipThreshold(),
					scoring.publishThreshold(), scoring.graylistThreshold(), scoring.acceptPxThreshold(),
					scoring.opportunisticGraftThreshold());
			return PubsubConfig.DEFAULT
				.withRouter((pubsub.router() == PubsubProperties.Router.FLOODSUB) ? PubsubConfig.Router.FLOODSUB
						: PubsubConfig.Router.GOSSIPSUB)
				.withSignaturePolicy(pubsub.signaturePolicy())
				.withMessageIdFunction(messageIdFunction(pubsub.messageId()))
				.withLimits(PubsubConfig.Limits.DEFAULT.withMaxRpcSize((int) pubsub.maxMessageSize().toBytes()))
				.withTimes(pubsub.seenTtl(), pubsub.validationTimeout())
				.withGossipsub(gossipsub)
				.withScoring(scoring.enabled() ? PeerScoreParams.DEFAULT : null, thresholds);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid libp2p.pubsub settings: " + ex.getMessage(), ex);
		}
	}

	private static MessageIdFunction messageIdFunction(PubsubProperties.MessageIdKind kind) {
		return switch (kind) {
			case FROM_AND_SEQNO -> MessageIdFunction.FROM_AND_SEQNO;
			case PUBLIC_KEY_AND_SEQNO -> MessageIdFunction.PUBLIC_KEY_AND_SEQNO;
			case SHA256_OF_DATA -> MessageIdFunction.SHA256_OF_DATA;
		};
	}

	@Bean
	@ConditionalOnMissingBean
	Pubsub libp2pPubsub(PubsubConfig config, ObjectProvider<TopicValidator> validators) {
		Pubsub pubsub = new Pubsub(config);
		validators.orderedStream().forEach(pubsub::addValidator);
		return pubsub;
	}

	@Bean
	@ConditionalOnMissingBean
	PubsubEventPublisher libp2pPubsubEventPublisher(Pubsub pubsub, Libp2pProperties properties,
			ApplicationEventPublisher publisher) {
		PubsubProperties settings = properties.pubsub();
		return new PubsubEventPublisher(pubsub, settings.topics(), settings.eventQueueCapacity(),
				settings.recentMessages(), publisher);
	}

	@Bean
	static AnnotatedMethods<PubsubListener> libp2pPubsubListenerMethods() {
		return new AnnotatedMethods<>(PubsubListener.class);
	}

	@Bean
	@ConditionalOnMissingBean
	PubsubTemplate libp2pPubsubTemplate(Pubsub pubsub, Payloads payloads) {
		return new PubsubTemplate(pubsub, payloads);
	}

	@Bean
	@ConditionalOnMissingBean
	PubsubListenerContainer libp2pPubsubListenerContainer(Pubsub pubsub, PubsubEventPublisher events,
			AnnotatedMethods<PubsubListener> methods, Payloads payloads,
			ObjectProvider<PubsubListenerContainer.FailureRecorder> failures) {
		return new PubsubListenerContainer(pubsub, events, methods, payloads,
				failures.getIfAvailable(() -> PubsubListenerContainer.FailureRecorder.NONE));
	}

	/** Micrometer meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class PubsubMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PubsubMeters libp2pPubsubMeters(Swarm swarm, Pubsub pubsub, PubsubEventPublisher events,
				Libp2pProperties properties) {
			return new PubsubMeters(swarm, pubsub, events, properties.pubsub().topicTags());
		}

		@Bean
		@ConditionalOnMissingBean
		PubsubListenerContainer.FailureRecorder libp2pPubsubListenerFailures(ObjectProvider<MeterRegistry> registry) {
			return (listener,
					cause) -> registry.ifAvailable((meters) -> meters
						.counter("libp2p.pubsub.listener.failures", "listener", listener, "cause", cause)
						.increment());
		}

	}

	/** The REST API, in servlet web applications with Spring MVC. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnLibp2pRest
	static class PubsubRestConfiguration {

		private static final int MAX_LIVE_STREAMS = 64;

		@Bean
		@ConditionalOnMissingBean
		PubsubRestController libp2pPubsubRestController(Pubsub pubsub, PubsubEventPublisher events,
				Libp2pProperties properties) {
			return new PubsubRestController(pubsub, events, (int) properties.pubsub().maxMessageSize().toBytes(),
					MAX_LIVE_STREAMS, properties.rest().timeout(), properties.rest().streamHeartbeat());
		}

	}

	/** Matches unless {@code libp2p.pubsub.router} is {@code none}. */
	static final class PubsubEnabled extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String router = context.getEnvironment().getProperty("libp2p.pubsub.router", "gossipsub");
			return "none".equals(router.trim().toLowerCase(Locale.ROOT))
					? ConditionOutcome.noMatch("libp2p.pubsub.router is none")
					: ConditionOutcome.match("libp2p.pubsub.router is " + router);
		}

	}

}
