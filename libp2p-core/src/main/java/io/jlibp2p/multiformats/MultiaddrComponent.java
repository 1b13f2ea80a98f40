package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One protocol of a multiaddr with its value, such as {@code /tcp/4001}. Immutable.
 */
public final class MultiaddrComponent {

	private final Protocol protocol;

	private final byte[] value;

	private MultiaddrComponent(Protocol protocol, byte[] value) {
		this.protocol = protocol;
		this.value = value;
	}

	/**
	 * Creates a component from the value's text form.
	 * @param protocol the protocol
	 * @param value the value's text, empty for protocols without a value
	 * @return the component
	 * @throws MultiaddrException if the value is missing, present where none is allowed,
	 * or malformed
	 */
	public static MultiaddrComponent of(Protocol protocol, String value) throws MultiaddrException {
		if (!protocol.hasValue() && !value.isEmpty()) {
			throw new MultiaddrException(protocol.protocolName() + " takes no value, got '" + value + "'");
		}
		return new MultiaddrComponent(protocol, protocol.format().parse(protocol, value));
	}

	/**
	 * Creates a component from the value's binary form.
	 * @param protocol the protocol
	 * @param value the value's bytes, empty for protocols without a value
	 * @return the component
	 * @throws MultiaddrException if the value does not suit the protocol
	 */
	public static MultiaddrComponent ofBytes(Protocol protocol, byte[] value) throws MultiaddrException {
		int fixed = protocol.format().fixedLength();
		if (fixed >= 0 && value.length != fixed) {
			throw new MultiaddrException(
					protocol.protocolName() + " value must be " + fixed + " bytes, not " + value.length);
		}
		protocol.format().validate(protocol, value);
		return new MultiaddrComponent(protocol, value.clone());
	}

	/**
	 * Returns the protocol.
	 * @return the protocol
	 */
	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * Returns a copy of the value's bytes, as carried in binary multiaddrs (without the
	 * length prefix).
	 * @return the value, empty for protocols without one
	 */
	public byte[] value() {
		return this.value.clone();
	}

	/**
	 * Returns the value's text form.
	 * @return the text, empty for protocols without a value
	 */
	public String valueString() {
		return this.protocol.format().format(this.value);
	}

	int encodedLength() {
		int length = Varint.encodedLength(this.protocol.code()) + this.value.length;
		return (this.protocol.format().fixedLength() < 0) ? length + Varint.encodedLength(this.value.length) : length;
	}

	void writeTo(ByteBuffer out) {
		Varint.write(this.protocol.code(), out);
		if (this.protocol.format().fixedLength() < 0) {
			Varint.write(this.value.length, out);
		}
		out.put(this.value);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof MultiaddrComponent that && this.protocol == that.protocol
				&& Arrays.equals(this.value, that.value));
	}

	@Override
	public int hashCode() {
		return 31 * this.protocol.hashCode() + Arrays.hashCode(this.value);
	}

	/**
	 * Returns the component as text, such as {@code /ip4/127.0.0.1}.
	 * @return the text
	 */
	@Override
	public String toString() {
		String name = "/" + this.protocol.protocolName();
		return this.protocol.hasValue() ? name + "/" + valueString() : name;
	}

}
