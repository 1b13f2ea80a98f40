package io.jlibp2p.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Feeds fuzz input to a handler under test in randomly sized reads, the way TCP splits
 * and joins writes, then checks that no exception reached the end of the pipeline and
 * releases everything. Buffer leaks show up as Netty's paranoid leak reports, which CI
 * turns into failures.
 */
public final class ChannelFuzzing {

	private ChannelFuzzing() {
	}

	/**
	 * Writes the fuzz input into the channel in chunks while it stays open.
	 * @param channel the channel with the handler under test
	 * @param data the fuzz input
	 */
	public static void feed(EmbeddedChannel channel, FuzzedDataProvider data) {
		try {
			while (data.remainingBytes() > 0 && channel.isOpen()) {
				int size = data.consumeInt(1, 4096);
				channel.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(size)));
				channel.runPendingTasks();
			}
			channel.checkException();
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

}
