package io.jlibp2p.codec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.resources.Resource;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.resources.ResourceManager;
import io.jlibp2p.resources.ScopeKind;
import io.jlibp2p.testing.StreamPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partial frame on a stream reserves its length from the stream's scope and gets only
 * so long to complete.
 */
class UvarintFrameDecoderTest {

	private final List<StreamChannel> servers = new CopyOnWriteArrayList<>();

	@Test
	void aPartialFrameThatDoesNotCompleteInTimeFailsTheStream() {
		try (StreamPair pair = new StreamPair((stream) -> {
			this.servers.add(stream);
			stream.pipeline().addLast(new UvarintFrameDecoder(1 << 20, Duration.ofSeconds(60)));
		}, (stream) -> {
		})) {
			pair.clientStream().writeAndFlush(partialFrame(1_000, 10));
			pair.exchange();
			pair.advanceTimeBy(Duration.ofSeconds(59));
			assertThat(this.servers).singleElement().satisfies((server) -> assertThat(server.isOpen()).isTrue());
			pair.advanceTimeBy(Duration.ofSeconds(2));
			assertThat(this.servers.get(0).isOpen()).isFalse();
			assertThat(pair.clientStream().isOpen()).as("the reset reached the peer").isFalse();
		}
	}

	@Test
	void aPartialFrameLargerThanTheStreamsMemoryFailsTheStreamAndGivesTheMemoryBack() {
		ResourceLimits scaled = ResourceLimits.of(32L << 20, 512);
		ResourceManager manager = new ResourceManager(new ResourceLimits(scaled.system(), scaled.negotiating(),
				scaled.protocol(), scaled.peer(), scaled.connection(), new ResourceLimits.ScopeLimits(1, 1, 64 * 1024),
				ResourceLimits.Allowlist.NONE));
		PeerId peer = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
		ConnectionScope connection = manager.openConnection(peer, Multiaddr.parse("/ip4/203.0.113.1/tcp/1"));
		try (StreamPair pair = new StreamPair((stream) -> {
			this.servers.add(stream);
			stream.pipeline().addLast(new UvarintFrameDecoder(1 << 20));
		}, (stream) -> {
		}, connection)) {
			pair.clientStream().writeAndFlush(partialFrame(32 * 1024, 100));
			pair.exchange();
			assertThat(this.servers.get(0).resources().memory()).isEqualTo(32 * 1024);
			pair.clientStream().writeAndFlush(Unpooled.buffer().writeZero(32 * 1024 - 100));
			pair.exchange();
			assertThat(this.servers.get(0).resources().memory()).as("given back once complete").isZero();
			pair.clientStream().writeAndFlush(partialFrame(100_000, 100));
			pair.exchange();
			assertThat(this.servers.get(0).isOpen()).isFalse();
		}
		assertThat(manager.blocked(ScopeKind.STREAM, Resource.MEMORY)).as("the frame; the window is not a refusal")
			.isOne();
		assertThat(manager.systemUsage().memory()).isZero();
		assertThat(manager.systemUsage().streamsInbound()).isZero();
	}

	private static ByteBuf partialFrame(int length, int sent) {
		ByteBuf frame = Unpooled.buffer();
		Uvarints.write(length, frame);
		return frame.writeZero(sent);
	}

}
