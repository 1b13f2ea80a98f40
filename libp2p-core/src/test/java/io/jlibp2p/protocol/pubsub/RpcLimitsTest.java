package io.jlibp2p.protocol.pubsub;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import io.jlibp2p.internal.proto.PubsubProto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * RPC limits are counted on the wire, before the RPC is parsed: an RPC of 100 000 empty
 * entries is refused without building one of them.
 */
class RpcLimitsTest {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final PubsubConfig.Limits LIMITS = PubsubConfig.Limits.DEFAULT;

	@Test
	void aHundredThousandEmptyPublishesAreRefusedWithoutBeingBuilt() throws IOException {
		byte[] rpc = repeated(100_000, 0x12, 0x00);
		String violation = RpcLimits.violation(ByteBuffer.wrap(rpc), LIMITS);
		assertThat(violation).isEqualTo("more than 1024 messages in one RPC");
		long before = THREADS.getCurrentThreadAllocatedBytes();
		RpcLimits.violation(ByteBuffer.wrap(rpc), LIMITS);
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated to refuse 200 KB of entries").isLessThan(16 * 1024);
	}

	@Test
	void aHundredThousandSubscriptionsAreRefused() throws IOException {
		assertThat(RpcLimits.violation(ByteBuffer.wrap(repeated(100_000, 0x0a, 0x00)), LIMITS))
			.isEqualTo("more than 1024 subscriptions in one RPC");
	}

	@Test
	void controlIsCountedAcrossEntriesAndAcrossControlFields() throws IOException {
		PubsubProto.ControlMessage.Builder ihaves = PubsubProto.ControlMessage.newBuilder();
		for (int i = 0; i < 3; i++) {
			PubsubProto.ControlIHave.Builder ihave = PubsubProto.ControlIHave.newBuilder().setTopicID("t");
			for (int id = 0; id < 2_000; id++) {
				ihave.addMessageIDs(ByteString.copyFromUtf8("id" + id));
			}
			ihaves.addIhave(ihave);
		}
		assertThat(violation(PubsubProto.RPC.newBuilder().setControl(ihaves)))
			.isEqualTo("more than 5000 message ids in IHAVE, IWANT or IDONTWANT");

		PubsubProto.ControlMessage.Builder prunes = PubsubProto.ControlMessage.newBuilder();
		for (int i = 0; i < 1_025; i++) {
			prunes.addPrune(PubsubProto.ControlPrune.newBuilder().setTopicID("unknown-" + i));
		}
		assertThat(violation(PubsubProto.RPC.newBuilder().setControl(prunes)))
			.isEqualTo("more than 1024 control entries of one kind");

		PubsubProto.ControlPrune.Builder prune = PubsubProto.ControlPrune.newBuilder().setTopicID("t");
		for (int i = 0; i < 65; i++) {
			prune.addPeers(PubsubProto.PeerInfo.newBuilder().setPeerID(ByteString.copyFromUtf8("p" + i)));
		}
		assertThat(violation(
				PubsubProto.RPC.newBuilder().setControl(PubsubProto.ControlMessage.newBuilder().addPrune(prune))))
			.isEqualTo("65 peers in one PRUNE, limit 64");

		// two control fields merge when parsed, so their entries add up
		byte[] half = PubsubProto.RPC.newBuilder()
			.setControl(PubsubProto.ControlMessage.newBuilder()
				.addAllIwant(java.util.Collections.nCopies(600, PubsubProto.ControlIWant.getDefaultInstance())))
			.build()
			.toByteArray();
		byte[] twice = ByteBuffer.allocate(2 * half.length).put(half).put(half).array();
		assertThat(RpcLimits.violation(ByteBuffer.wrap(twice), LIMITS))
			.isEqualTo("more than 1024 control entries of one kind");
	}

	@Test
	void ordinaryRpcsPassAndTruncatedOnesAreMalformed() throws IOException {
		PubsubProto.RPC.Builder rpc = PubsubProto.RPC.newBuilder()
			.addSubscriptions(PubsubProto.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid("t"))
			.addPublish(PubsubProto.Message.newBuilder().setData(ByteString.copyFromUtf8("hello")).setTopic("t"))
			.setControl(PubsubProto.ControlMessage.newBuilder()
				.addGraft(PubsubProto.ControlGraft.newBuilder().setTopicID("t"))
				.addIhave(PubsubProto.ControlIHave.newBuilder()
					.setTopicID("t")
					.addMessageIDs(ByteString.copyFromUtf8("id"))));
		assertThat(violation(rpc)).isNull();
		byte[] bytes = rpc.build().toByteArray();
		assertThatIOException()
			.isThrownBy(() -> RpcLimits.violation(ByteBuffer.wrap(bytes, 0, bytes.length - 3).slice(), LIMITS));
	}

	private static String violation(PubsubProto.RPC.Builder rpc) throws IOException {
		return RpcLimits.violation(ByteBuffer.wrap(rpc.build().toByteArray()), LIMITS);
	}

	private static byte[] repeated(int count, int tag, int length) {
		byte[] bytes = new byte[2 * count];
		for (int i = 0; i < count; i++) {
			bytes[2 * i] = (byte) tag;
			bytes[2 * i + 1] = (byte) length;
		}
		return bytes;
	}

}
