package io.jlibp2p.multistream;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jlibp2p.testing.ChannelFuzzing;

/**
 * Fuzz targets for multistream-select: whatever a peer sends, the handler agrees, answers
 * or closes the channel; nothing escapes to the event loop and no buffer leaks.
 */
class MultistreamFuzzTest {

	private static final NegotiationListener IGNORED = new NegotiationListener() {

		@Override
		public void negotiated(ChannelHandlerContext ctx, String protocol) {
		}

		@Override
		public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
		}

	};

	@FuzzTest
	void listener(FuzzedDataProvider data) {
		ChannelFuzzing.feed(new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise", "/yamux/1.0.0"), Duration.ofSeconds(10), IGNORED)),
				data);
	}

	@FuzzTest
	void dialer(FuzzedDataProvider data) {
		ChannelFuzzing.feed(new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/noise", "/tls/1.0.0"), Duration.ofSeconds(10), IGNORED)),
				data);
	}

}
