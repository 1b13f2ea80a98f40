package io.jlibp2p.spring.autoconfigure.pubsub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jlibp2p.protocol.pubsub.InsufficientPeersException;
import io.jlibp2p.protocol.pubsub.MessageIdFunction;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubConfig;
import io.jlibp2p.protocol.pubsub.SignaturePolicy;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pRunners;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class Libp2pPubsubAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner(String keyName) {
		return Libp2pRunners.runner(this.directory.resolve(keyName), Libp2pAutoConfiguration.class,
				Libp2pPubsubAutoConfiguration.class);
	}

	@Test
	void runsGossipsubByDefaultAndServesItsProtocols() {
		runner("a.key").run((context) -> {
			assertThat(context).hasSingleBean(Pubsub.class).hasSingleBean(PubsubEventPublisher.class);
			PubsubConfig config = context.getBean(PubsubConfig.class);
			assertThat(config.router()).isEqualTo(PubsubConfig.Router.GOSSIPSUB);
			assertThat(config.signaturePolicy()).isEqualTo(SignaturePolicy.STRICT_SIGN);
			assertThat(config.messageIdFunction()).isSameAs(MessageIdFunction.FROM_AND_SEQNO);
			assertThat(config.limits().maxRpcSize()).isEqualTo(1 << 20);
			assertThat(config.scoring()).isNotNull();
			assertThat(context.getBean(Swarm.class).protocols()).contains(Pubsub.MESHSUB_V12, Pubsub.MESHSUB_V11,
					Pubsub.MESHSUB_V10, Pubsub.FLOODSUB);
		});
	}

	@Test
	void bindsEveryPubsubProperty() {
		runner("a.key")
			.withPropertyValues("libp2p.pubsub.router=floodsub", "libp2p.pubsub.signature-policy=strict-no-sign",
					"libp2p.pubsub.message-id=sha256-of-data", "libp2p.pubsub.max-message-size=64KB",
					"libp2p.pubsub.scoring.enabled=false", "libp2p.pubsub.gossipsub.d=8",
					"libp2p.pubsub.gossipsub.d-high=16", "libp2p.pubsub.topics=alpha,beta")
			.run((context) -> {
				PubsubConfig config = context.getBean(PubsubConfig.class);
				assertThat(config.router()).isEqualTo(PubsubConfig.Router.FLOODSUB);
				assertThat(config.signaturePolicy()).isEqualTo(SignaturePolicy.STRICT_NO_SIGN);
				assertThat(config.messageIdFunction()).isSameAs(MessageIdFunction.SHA256_OF_DATA);
				assertThat(config.limits().maxRpcSize()).isEqualTo(64 * 1024);
				assertThat(config.scoring()).isNull();
				assertThat(config.gossipsub().mesh().d()).isEqualTo(8);
				assertThat(context.getBean(Swarm.class).protocols()).contains(Pubsub.FLOODSUB)
					.doesNotContain(Pubsub.MESHSUB_V11);
				await().atMost(5, TimeUnit.SECONDS)
					.untilAsserted(() -> assertThat(context.getBean(Pubsub.class).topics())
						.extracting((topic) -> topic.topic())
						.containsExactly("alpha", "beta"));
			});
	}

	@Test
	void routerNoneMeansNoPubsub() {
		runner("a.key").withPropertyValues("libp2p.pubsub.router=none").run((context) -> {
			assertThat(context).hasSingleBean(Swarm.class).doesNotHaveBean(Pubsub.class);
			assertThat(context.getBean(Swarm.class).protocols()).doesNotContain(Pubsub.FLOODSUB);
		});
	}

	@Test
	void failsStartUpOnInvalidMeshParametersNamingThem() {
		runner("a.key").withPropertyValues("libp2p.pubsub.gossipsub.d-low=9")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("dLow <= d <= dHigh"));
	}

	@Test
	void metersCountMessagesWithoutTopicTagsByDefault() {
		runner("a.key").withPropertyValues("libp2p.pubsub.topics=metered").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(PubsubMeters.class).bindTo(registry);
			Pubsub pubsub = context.getBean(Pubsub.class);
			assertThatThrownBy(() -> pubsub.publish("metered", "x".getBytes(StandardCharsets.UTF_8)).join())
				.as("no peer to publish to")
				.hasCauseInstanceOf(InsufficientPeersException.class);
			runner("c.key").withPropertyValues("libp2p.pubsub.topics=metered").run((peer) -> {
				Swarm peerSwarm = peer.getBean(Swarm.class);
				context.getBean(Swarm.class)
					.dial(peerSwarm.listenAddresses().get(0).withPeerId(peerSwarm.localPeer()))
					.get(10, TimeUnit.SECONDS);
				await().atMost(10, TimeUnit.SECONDS).until(() -> !pubsub.topics().get(0).peers().isEmpty());
				pubsub.publish("metered", "x".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
			});
			assertThat(registry.get("libp2p.pubsub.messages").tag("outcome", "published").functionCounter().count())
				.as("only the message that was sent")
				.isEqualTo(1);
			assertThat(registry.get("libp2p.pubsub.topics").gauge().value()).isEqualTo(1);
			assertThat(registry.get("libp2p.pubsub.mesh.peers").gauge().getId().getTags()).isEmpty();
		});
		runner("b.key").withPropertyValues("libp2p.pubsub.topics=metered", "libp2p.pubsub.topic-tags=true")
			.run((context) -> {
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(PubsubMeters.class).bindTo(registry);
				assertThat(registry.get("libp2p.pubsub.mesh.peers").tag("topic", "metered").gauge().value()).isZero();
			});
	}

}
