package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validation pipeline on virtual time: asynchronous answers, validators that never
 * answer, and validators that throw.
 */
class PubsubValidationTest {

	private final Simulation simulation = new Simulation();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	@Test
	void asynchronousAnswersCountAndSilenceOrFailureMeansIgnore() {
		Pubsub receiver = new Pubsub(PubsubConfig.DEFAULT);
		Pubsub sender = new Pubsub(PubsubConfig.DEFAULT);
		CompletableFuture<ValidationResult> later = new CompletableFuture<>();
		receiver.addValidator("later", (message) -> later);
		receiver.addValidator("never", (message) -> new CompletableFuture<>());
		receiver.addValidator("broken", MessageValidator.of((message) -> {
			throw new IllegalStateException("validator bug");
		}));
		List<String> delivered = new CopyOnWriteArrayList<>();
		receiver.addListener((message) -> delivered.add(message.topic()));
		Swarm receiving = this.simulation.node((builder) -> builder.behaviour(receiver));
		Swarm sending = this.simulation.node((builder) -> builder.behaviour(sender));
		for (String topic : List.of("later", "never", "broken")) {
			receiver.subscribe(topic).join();
			sender.subscribe(topic).join();
		}
		this.simulation.connect(sending, receiving);
		this.simulation.advance(Duration.ofSeconds(2));

		for (String topic : List.of("later", "never", "broken")) {
			sender.publish(topic, topic.getBytes(StandardCharsets.UTF_8)).join();
		}
		this.simulation.advance(Duration.ofSeconds(1));
		assertThat(receiver.metrics().messages(Outcome.IGNORED)).as("the broken validator's message").isEqualTo(1);
		later.complete(ValidationResult.ACCEPT);
		this.simulation.advance(PubsubConfig.DEFAULT.validationTimeout());

		assertThat(delivered).containsExactly("later");
		assertThat(receiver.metrics().messages(Outcome.IGNORED)).as("plus the one never answered").isEqualTo(2);
		assertThat(receiver.metrics().messages(Outcome.REJECTED)).isZero();
	}

}
