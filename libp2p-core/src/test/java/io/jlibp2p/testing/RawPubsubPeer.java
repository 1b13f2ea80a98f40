package io.jlibp2p.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.jlibp2p.codec.UvarintFrameDecoder;
import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

/**
 * A hand-driven gossipsub peer for attacks: it writes whatever RPCs a test builds and
 * records the RPCs the honest node sends it.
 */
public final class RawPubsubPeer {

	private final List<PubsubProto.RPC> received = new CopyOnWriteArrayList<>();

	private final String protocol;

	private final PeerId peer;

	private StreamChannel stream;

	public RawPubsubPeer(Swarm swarm) {
		this(swarm, Pubsub.MESHSUB_V11);
	}

	public RawPubsubPeer(Swarm swarm, String protocol) {
		this.protocol = protocol;
		this.peer = swarm.localPeer();
		swarm.handle(protocol,
				(connection, inbound) -> inbound.pipeline()
					.addLast(new UvarintFrameDecoder(1 << 20))
					.addLast(new ChannelInboundHandlerAdapter() {

						@Override
						public void channelRead(ChannelHandlerContext ctx, Object msg) {
							ByteBuf frame = (ByteBuf) msg;
							try {
								RawPubsubPeer.this.received.add(PubsubProto.RPC.parseFrom(frame.nioBuffer()));
							}
							catch (InvalidProtocolBufferException ex) {
								throw new IllegalStateException(ex);
							}
							finally {
								frame.release();
							}
						}

					}));
	}

	public PeerId peer() {
		return this.peer;
	}

	public void open(Connection connection) {
		this.stream = connection.newStream(List.of(this.protocol), (c, s) -> {
		}).join();
	}

	public StreamChannel stream() {
		return this.stream;
	}

	public void send(PubsubProto.RPC rpc) {
		this.stream.writeAndFlush(Uvarints.frame(rpc.toByteArray())).awaitUninterruptibly();
	}

	public boolean isOpen() {
		return this.stream.isActive();
	}

	public List<PubsubProto.RPC> received() {
		return this.received;
	}

	public int iwantIdsReceived() {
		return this.received.stream()
			.flatMap((rpc) -> rpc.getControl().getIwantList().stream())
			.mapToInt(PubsubProto.ControlIWant::getMessageIDsCount)
			.sum();
	}

	public List<PubsubProto.ControlIDontWant> idontwantsReceived() {
		return this.received.stream().flatMap((rpc) -> rpc.getControl().getIdontwantList().stream()).toList();
	}

	public List<PubsubProto.ControlPrune> prunesReceived() {
		return this.received.stream().flatMap((rpc) -> rpc.getControl().getPruneList().stream()).toList();
	}

	public List<PubsubProto.ControlGraft> graftsReceived() {
		return this.received.stream().flatMap((rpc) -> rpc.getControl().getGraftList().stream()).toList();
	}

	public long messagesReceived() {
		return this.received.stream().mapToLong(PubsubProto.RPC::getPublishCount).sum();
	}

}
