package io.jlibp2p.protocol.ping;

import java.time.Duration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.jlibp2p.testing.StreamPair;
import io.jlibp2p.testing.Recorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ping responder on a real yamux stream: echoes in 32-byte units however the bytes
 * arrive, answers a half-close with a half-close, and survives anything a peer sends.
 */
class PingResponderTest {

	private static final PingConfig CONFIG = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	@Test
	void echoesWholePingsAcrossSplitsAndHalfClosesAfterThePeer() {
		Recorder recorder = new Recorder();
		try (StreamPair pair = new StreamPair((stream) -> PingResponder.install(stream, CONFIG),
				(stream) -> stream.pipeline().addLast(recorder))) {
			byte[] pings = new byte[2 * PingProtocol.PAYLOAD_LENGTH + 5];
			for (int i = 0; i < pings.length; i++) {
				pings[i] = (byte) i;
			}
			pair.clientStream().writeAndFlush(Unpooled.wrappedBuffer(pings, 0, 40));
			pair.exchange();
			assertThat(recorder.bytes()).isEqualTo(PingProtocol.PAYLOAD_LENGTH);
			pair.clientStream().writeAndFlush(Unpooled.wrappedBuffer(pings, 40, pings.length - 40));
			pair.clientStream().shutdownOutput();
			pair.exchange();
			assertThat(recorder.bytes()).isEqualTo(2 * PingProtocol.PAYLOAD_LENGTH);
			assertThat(recorder.received()).startsWith(java.util.Arrays.copyOf(pings, 64));
			assertThat(recorder.inputShutdown()).isTrue();
			assertThat(pair.clientStream().isOpen()).isFalse();
		}
		finally {
			recorder.release();
		}
	}

	@FuzzTest
	void anythingAPeerSends(FuzzedDataProvider data) {
		Recorder recorder = new Recorder();
		try (StreamPair pair = new StreamPair((stream) -> PingResponder.install(stream, CONFIG),
				(stream) -> stream.pipeline().addLast(recorder))) {
			int sent = 0;
			while (data.remainingBytes() > 0) {
				byte[] chunk = data.consumeBytes(data.consumeInt(1, 100));
				sent += chunk.length;
				ByteBuf buffer = Unpooled.wrappedBuffer(chunk);
				pair.clientStream().writeAndFlush(buffer);
				pair.exchange();
			}
			assertThat(recorder.bytes()).isEqualTo(sent - sent % PingProtocol.PAYLOAD_LENGTH);
		}
		finally {
			recorder.release();
		}
	}

}
