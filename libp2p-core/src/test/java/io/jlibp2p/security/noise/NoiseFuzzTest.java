package io.jlibp2p.security.noise;

import java.time.Duration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.security.HandshakeException;
import io.jlibp2p.security.SecureSession;
import io.jlibp2p.security.SecurityListener;
import io.jlibp2p.testing.ChannelFuzzing;
import io.jlibp2p.testing.EmbeddedPair;

/**
 * Fuzz targets for Noise: hostile handshake messages and hostile frames after a real
 * handshake end in a failed handshake or a closed connection, never in an escaped
 * exception or a leak.
 */
class NoiseFuzzTest {

	private static final PrivateKey KEY = Keys.generate(KeyType.ED25519);

	private static final SecurityListener IGNORED = new SecurityListener() {

		@Override
		public void secured(ChannelHandlerContext ctx, SecureSession session) {
		}

		@Override
		public void failed(ChannelHandlerContext ctx, HandshakeException cause) {
		}

	};

	@FuzzTest
	void responderHandshake(FuzzedDataProvider data) {
		ChannelFuzzing.feed(
				new EmbeddedChannel(new NoiseHandshakeHandler(KEY, false, null, Duration.ofSeconds(15), IGNORED)),
				data);
	}

	@FuzzTest
	void initiatorHandshake(FuzzedDataProvider data) {
		EmbeddedChannel initiator = new EmbeddedChannel(
				new NoiseHandshakeHandler(KEY, true, null, Duration.ofSeconds(15), IGNORED));
		initiator.releaseOutbound();
		ChannelFuzzing.feed(initiator, data);
	}

	@FuzzTest
	void transportFrames(FuzzedDataProvider data) {
		EmbeddedChannel dialer = new EmbeddedChannel(
				new NoiseHandshakeHandler(KEY, true, null, Duration.ofSeconds(15), IGNORED));
		EmbeddedChannel listener = new EmbeddedChannel(new NoiseHandshakeHandler(Keys.generate(KeyType.ED25519), false,
				null, Duration.ofSeconds(15), IGNORED));
		EmbeddedPair.exchange(dialer, listener);
		dialer.finishAndReleaseAll();
		ChannelFuzzing.feed(listener, data);
	}

}
