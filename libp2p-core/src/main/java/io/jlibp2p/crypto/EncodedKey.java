package io.jlibp2p.crypto;

import java.util.Arrays;

import com.google.protobuf.ByteString;

import io.jlibp2p.internal.proto.KeysProto;

/**
 * The part every key shares: its type and the {@code Data} bytes of its protobuf, which
 * define its identity (equality, encoding).
 */
abstract class EncodedKey {

	private final KeyType type;

	private final byte[] data;

	EncodedKey(KeyType type, byte[] data) {
		this.type = type;
		this.data = data;
	}

	public KeyType type() {
		return this.type;
	}

	final byte[] data() {
		return this.data;
	}

	static KeysProto.KeyType protoType(KeyType type) {
		return KeysProto.KeyType.forNumber(type.number());
	}

	@Override
	public final boolean equals(Object other) {
		return this == other || (other != null && getClass() == other.getClass()
				&& this.type == ((EncodedKey) other).type && Arrays.equals(this.data, ((EncodedKey) other).data));
	}

	@Override
	public final int hashCode() {
		return 31 * this.type.hashCode() + Arrays.hashCode(this.data);
	}

	/** Public keys: type plus data, as protobuf. */
	abstract static class Public extends EncodedKey implements PublicKey {

		Public(KeyType type, byte[] data) {
			super(type, data);
		}

		@Override
		public byte[] raw() {
			return data().clone();
		}

		@Override
		public byte[] marshal() {
			return KeysProto.PublicKey.newBuilder()
				.setType(protoType(type()))
				.setData(ByteString.copyFrom(data()))
				.build()
				.toByteArray();
		}

		@Override
		public String toString() {
			return type() + " public key";
		}

	}

	/** Private keys: type plus data, as protobuf; never printed. */
	abstract static class Private extends EncodedKey implements PrivateKey {

		Private(KeyType type, byte[] data) {
			super(type, data);
		}

		@Override
		public byte[] marshal() {
			return KeysProto.PrivateKey.newBuilder()
				.setType(protoType(type()))
				.setData(ByteString.copyFrom(data()))
				.build()
				.toByteArray();
		}

		@Override
		public String toString() {
			return type() + " private key";
		}

	}

}
