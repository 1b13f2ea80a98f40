package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import io.jlibp2p.internal.proto.PubsubProto;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer's RPCs waiting for the swarm's thread are bounded by count and by bytes: reading
 * pauses at two of the largest RPCs and resumes once most of them are handled.
 */
class RpcReaderTest {

	@Test
	void readingPausesAtTheByteBudgetAndResumesWhenHandled() {
		List<Runnable> handled = new ArrayList<>();
		EmbeddedChannel channel = new EmbeddedChannel(
				new RpcReader(PubsubConfig.DEFAULT, new PubsubMetrics(), (rpc, done) -> handled.add(done)));
		byte[] large = PubsubProto.RPC.newBuilder()
			.addPublish(PubsubProto.Message.newBuilder().setTopic("t").setData(ByteString.copyFrom(new byte[600_000])))
			.build()
			.toByteArray();
		for (int i = 0; i < 3; i++) {
			channel.writeInbound(Unpooled.wrappedBuffer(large));
		}
		assertThat(channel.config().isAutoRead()).as("1.8 MB waiting, under the 2 MiB budget").isTrue();
		channel.writeInbound(Unpooled.wrappedBuffer(large));
		assertThat(channel.config().isAutoRead()).as("2.4 MB waiting").isFalse();
		handled.get(0).run();
		handled.get(1).run();
		channel.runPendingTasks();
		assertThat(channel.config().isAutoRead()).as("1.2 MB still waiting").isFalse();
		handled.get(2).run();
		channel.runPendingTasks();
		assertThat(channel.config().isAutoRead()).as("600 KB waiting, under half the budget").isTrue();
		channel.finishAndReleaseAll();
	}

}
