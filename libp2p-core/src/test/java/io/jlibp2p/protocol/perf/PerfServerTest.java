package io.jlibp2p.protocol.perf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.jlibp2p.testing.Recorder;
import io.jlibp2p.testing.StreamPair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The perf server on a real yamux stream: serves exactly what is asked after the upload
 * ends, resets a stream that ends before its 8-byte request or asks for too much, and
 * survives anything a peer sends.
 */
class PerfServerTest {

	private static final long LIMIT = 1024 * 1024;

	@Test
	void sendsTheRequestedBytesAfterTheUploadEnds() {
		Recorder recorder = new Recorder();
		try (StreamPair pair = new StreamPair((stream) -> stream.pipeline().addLast(new PerfServer(LIMIT)),
				(stream) -> stream.pipeline().addLast(recorder))) {
			pair.clientStream().writeAndFlush(Unpooled.buffer().writeLong(100_000).writeZero(5000));
			pair.exchange();
			assertThat(recorder.bytes()).isZero();
			pair.clientStream().shutdownOutput();
			pair.exchange();
			assertThat(recorder.bytes()).isEqualTo(100_000);
			assertThat(recorder.inputShutdown()).isTrue();
		}
		finally {
			recorder.release();
		}
	}

	@Test
	void resetsAShortRequestAndOneAboveTheLimit() {
		for (byte[] request : new byte[][] { new byte[3], Unpooled.buffer().writeLong(LIMIT + 1).array() }) {
			Recorder recorder = new Recorder();
			try (StreamPair pair = new StreamPair((stream) -> stream.pipeline().addLast(new PerfServer(LIMIT)),
					(stream) -> stream.pipeline().addLast(recorder))) {
				pair.clientStream().writeAndFlush(Unpooled.wrappedBuffer(request, 0, Math.min(request.length, 8)));
				pair.clientStream().shutdownOutput();
				pair.exchange();
				assertThat(recorder.bytes()).isZero();
				assertThat(pair.clientStream().isOpen()).isFalse();
			}
			finally {
				recorder.release();
			}
		}
	}

	@FuzzTest
	void anythingAPeerSends(FuzzedDataProvider data) {
		Recorder recorder = new Recorder();
		try (StreamPair pair = new StreamPair((stream) -> stream.pipeline().addLast(new PerfServer(LIMIT)),
				(stream) -> stream.pipeline().addLast(recorder))) {
			while (data.remainingBytes() > 0) {
				pair.clientStream().writeAndFlush(Unpooled.wrappedBuffer(data.consumeBytes(data.consumeInt(1, 100))));
				pair.exchange();
			}
			pair.clientStream().shutdownOutput();
			pair.exchange();
			assertThat(recorder.bytes()).isLessThanOrEqualTo(LIMIT);
		}
		finally {
			recorder.release();
		}
	}

}
