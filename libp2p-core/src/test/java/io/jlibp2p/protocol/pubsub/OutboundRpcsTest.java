package io.jlibp2p.protocol.pubsub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.testing.StreamPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forwarded message is encoded once and framed with each peer's own control: the peer
 * reads one RPC with both, and a message dropped for a slow peer leaves its control
 * queued.
 */
class OutboundRpcsTest {

	private static final PubsubProto.Message MESSAGE = PubsubProto.Message.newBuilder()
		.setTopic("news")
		.setData(ByteString.copyFromUtf8("hello"))
		.build();

	private static final byte[] PUBLISH = PubsubProto.RPC.newBuilder().addPublish(MESSAGE).build().toByteArray();

	private static final PubsubProto.ControlMessage GRAFT = PubsubProto.ControlMessage.newBuilder()
		.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID("news"))
		.build();

	private final List<PubsubProto.RPC> received = new CopyOnWriteArrayList<>();

	private final StreamPair pair = new StreamPair((server) -> server.pipeline()
		.addLast(new UvarintFrameDecoder(1 << 20))
		.addLast(new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				ByteBuf frame = (ByteBuf) msg;
				try {
					OutboundRpcsTest.this.received.add(PubsubProto.RPC.parseFrom(frame.nioBuffer()));
				}
				catch (InvalidProtocolBufferException ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					frame.release();
				}
			}

		}), (client) -> {
		});

	private final OutboundRpcs rpcs = new OutboundRpcs();

	@AfterEach
	void close() {
		this.rpcs.close();
		this.pair.close();
	}

	@Test
	void aForwardedMessageCarriesThePeersQueuedControl() {
		this.rpcs.queueControl(GRAFT);
		assertThat(this.rpcs.forward(PUBLISH, 1 << 20)).isTrue();
		this.rpcs.streamOpened(this.pair.clientStream());
		assertThat(this.rpcs.forward(PUBLISH, 1 << 20)).isTrue();
		this.pair.exchange();
		assertThat(this.received).hasSize(2);
		assertThat(this.received.get(0).getPublishList()).containsExactly(MESSAGE);
		assertThat(this.received.get(0).getControl()).isEqualTo(GRAFT);
		assertThat(this.received.get(1).getPublishList()).containsExactly(MESSAGE);
		assertThat(this.received.get(1).hasControl()).isFalse();
	}

	@Test
	void aMessageDroppedForASlowPeerLeavesItsControlQueued() {
		this.rpcs.queueControl(GRAFT);
		assertThat(this.rpcs.forward(PUBLISH, PUBLISH.length - 1)).isFalse();
		assertThat(this.rpcs.hasControl()).isTrue();
		this.rpcs.streamOpened(this.pair.clientStream());
		assertThat(this.rpcs.send(PubsubProto.RPC.newBuilder(), 1 << 20)).isTrue();
		this.pair.exchange();
		assertThat(this.received).singleElement().satisfies((rpc) -> {
			assertThat(rpc.getPublishCount()).isZero();
			assertThat(rpc.getControl()).isEqualTo(GRAFT);
		});
	}

}
