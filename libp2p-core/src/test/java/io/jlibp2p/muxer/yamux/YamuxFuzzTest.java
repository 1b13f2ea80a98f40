package io.jlibp2p.muxer.yamux;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;

import io.jlibp2p.resources.ConnectionScope;
import io.jlibp2p.testing.ChannelFuzzing;
import io.jlibp2p.testing.Discard;

/**
 * Fuzz target for yamux: any frame sequence ends in streams, resets or a closed
 * connection, never in an escaped exception or a leak.
 */
class YamuxFuzzTest {

	@FuzzTest
	void frames(FuzzedDataProvider data) {
		YamuxConfig config = new YamuxConfig(YamuxConfig.INITIAL_WINDOW, 8, 8, 1024);
		boolean client = data.consumeBoolean();
		ChannelFuzzing.feed(new EmbeddedChannel(new YamuxSession(client, config, (stream) -> {
			stream.config().setAutoRead(data.consumeBoolean());
			stream.pipeline().addLast(new Discard());
		}, ConnectionScope.unlimited())), data);
	}

}
