package io.jlibp2p.muxer.mplex;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;

import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.testing.ChannelFuzzing;
import io.jlibp2p.testing.Discard;

/**
 * Fuzz target for mplex: any frame sequence ends in streams, resets or a closed
 * connection, never in an escaped exception or a leak.
 */
class MplexFuzzTest {

	@FuzzTest
	void frames(FuzzedDataProvider data) {
		MplexConfig config = new MplexConfig(8, 4096, 4096);
		ChannelFuzzing.feed(new EmbeddedChannel(new MplexSession(config, (stream) -> {
			stream.config().setAutoRead(data.consumeBoolean());
			stream.pipeline().addLast(new Discard());
		}, ConnectionScope.unlimited())), data);
	}

}
