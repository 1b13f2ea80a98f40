package io.jlibp2p.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.muxer.yamux.YamuxConfig;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that opens more streams than a node allows gets them reset and counted, and
 * keeps its connection and the streams within the limit.
 */
class StreamLimitTest {

	private static final String HOLD = "/hold/1.0.0";

	private final List<Swarm> swarms = new ArrayList<>();

	@AfterEach
	void close() {
		this.swarms.forEach(Swarm::close);
	}

	@Test
	void streamsBeyondTheLimitAreResetAndCounted() {
		SwarmConfig twoStreams = SwarmConfig.DEFAULT.withMuxers(SwarmConfig.DEFAULT.muxers(),
				new YamuxConfig(YamuxConfig.DEFAULT.receiveWindow(), 2, YamuxConfig.DEFAULT.maxUnacknowledgedOutbound(),
						YamuxConfig.DEFAULT.maxDataFrame()));
		Swarm listener = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).config(twoStreams).build();
		Swarm dialer = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build();
		this.swarms.addAll(List.of(listener, dialer));
		listener.handle(HOLD, (connection, stream) -> {
		});
		Multiaddr bound = listener.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
		Connection connection = dialer.dial(bound.withPeerId(listener.localPeer())).join();

		List<CompletableFuture<StreamChannel>> streams = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			streams.add(connection.newStream(List.of(HOLD), (c, stream) -> {
			}));
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> streams.stream().allMatch(CompletableFuture::isDone));
		assertThat(streams).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(1);
		assertThat(listener.metrics().streamsRefused()).isEqualTo(1);
		assertThat(connection.isOpen()).isTrue();
		assertThat(listener.connections()).singleElement().satisfies((c) -> assertThat(c.streamCount()).isEqualTo(2));
	}

}
