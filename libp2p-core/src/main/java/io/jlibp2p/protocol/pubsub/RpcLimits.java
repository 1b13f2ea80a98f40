package io.jlibp2p.protocol.pubsub;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import org.jspecify.annotations.Nullable;

/**
 * Bounds on the repeated fields of a received RPC, counted on the wire before the RPC is
 * parsed: the frame decoder bounds the RPC's size, but a 1 MiB RPC of empty entries
 * parses into half a million objects, so the entries are counted first, without
 * allocating any, and an RPC over a limit is never built.
 */
final class RpcLimits {

	private static final int MAX_PEERS_PER_PRUNE = 64;

	// Field numbers of rpc.proto: RPC, ControlMessage and its entries.
	private static final int RPC_SUBSCRIPTIONS = 1;

	private static final int RPC_PUBLISH = 2;

	private static final int RPC_CONTROL = 3;

	private static final int CONTROL_IHAVE = 1;

	private static final int CONTROL_IWANT = 2;

	private static final int CONTROL_PRUNE = 4;

	private static final int CONTROL_IDONTWANT = 5;

	private RpcLimits() {
	}

	/**
	 * Checks an encoded RPC.
	 * @param rpc the RPC's bytes
	 * @param limits the limits
	 * @return what is over a limit, or {@code null}
	 * @throws IOException if the bytes are not a well-formed message
	 */
	static @Nullable String violation(ByteBuffer rpc, PubsubConfig.Limits limits) throws IOException {
		int topics = limits.maxTopicsPerRpc();
		Counts top = new Counts(4);
		Counts control = new Counts(6);
		Counts ids = new Counts(6);
		CodedInputStream in = CodedInputStream.newInstance(rpc);
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			if (field == RPC_CONTROL && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				int limit = in.pushLimit(in.readRawVarint32());
				String violation = countControl(in, control, ids);
				if (violation != null) {
					return violation;
				}
				in.popLimit(limit);
			}
			else {
				top.add(field, 1);
				in.skipField(tag);
			}
			if (top.of(RPC_SUBSCRIPTIONS) > topics) {
				return "more than " + topics + " subscriptions in one RPC";
			}
			if (top.of(RPC_PUBLISH) > limits.maxMessagesPerRpc()) {
				return "more than " + limits.maxMessagesPerRpc() + " messages in one RPC";
			}
			if (control.max() > topics) {
				return "more than " + topics + " control entries of one kind";
			}
			if (ids.max() > limits.maxIdsPerControl()) {
				return "more than " + limits.maxIdsPerControl() + " message ids in IHAVE, IWANT or IDONTWANT";
			}
		}
		return null;
	}

	/** Counts a control message's entries by kind, and the ids or peers inside them. */
	private static @Nullable String countControl(CodedInputStream in, Counts control, Counts ids) throws IOException {
		while (!in.isAtEnd()) {
			int tag = in.readTag();
			int kind = WireFormat.getTagFieldNumber(tag);
			control.add(kind, 1);
			if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				in.skipField(tag);
				continue;
			}
			int limit = in.pushLimit(in.readRawVarint32());
			// The repeated field inside: IHAVE's ids are field 2, PRUNE's peers field 2,
			// IWANT's and IDONTWANT's ids field 1.
			int repeated = (kind == CONTROL_IHAVE || kind == CONTROL_PRUNE) ? 2 : 1;
			int count = 0;
			while (!in.isAtEnd()) {
				int inner = in.readTag();
				if (WireFormat.getTagFieldNumber(inner) == repeated) {
					count++;
				}
				in.skipField(inner);
			}
			in.popLimit(limit);
			if (kind == CONTROL_PRUNE && count > MAX_PEERS_PER_PRUNE) {
				return count + " peers in one PRUNE, limit " + MAX_PEERS_PER_PRUNE;
			}
			if (kind == CONTROL_IHAVE || kind == CONTROL_IWANT || kind == CONTROL_IDONTWANT) {
				ids.add(kind, count);
			}
		}
		return null;
	}

	/** Counts per field number, for the few small field numbers of interest. */
	private static final class Counts {

		private final long[] counts;

		Counts(int fields) {
			this.counts = new long[fields];
		}

		void add(int field, int amount) {
			if (field > 0 && field < this.counts.length) {
				this.counts[field] += amount;
			}
		}

		long of(int field) {
			return this.counts[field];
		}

		long max() {
			long max = 0;
			for (long count : this.counts) {
				max = Math.max(max, count);
			}
			return max;
		}

	}

}
