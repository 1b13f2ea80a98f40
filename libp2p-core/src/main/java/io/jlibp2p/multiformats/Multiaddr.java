package io.jlibp2p.multiformats;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.jlibp2p.peer.PeerId;

/**
 * A self-describing network address such as
 * {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…}: a sequence of
 * {@linkplain MultiaddrComponent components}, each a protocol and its value. Immutable;
 * equal when their bytes are equal.
 *
 * <p>
 * The binary form is {@code (varint(code) ‖ value)+}, where a value is fixed-size, absent
 * or length-prefixed. Both forms are limited in size ({@value #MAX_BYTES} bytes,
 * {@value #MAX_TEXT_LENGTH} characters) so that a parser facing hostile input allocates
 * little.
 *
 * @see <a href="https://github.com/multiformats/multiaddr">multiaddr</a>
 */
public final class Multiaddr {

	/**
	 * Longest binary multiaddr accepted: far above real ones (a WebTransport address with
	 * two certhashes and a PeerId is under 200 bytes).
	 */
	public static final int MAX_BYTES = 1024;

	/** Longest text multiaddr accepted. */
	public static final int MAX_TEXT_LENGTH = 4 * MAX_BYTES;

	private final List<MultiaddrComponent> components;

	private final byte[] bytes;

	private Multiaddr(List<MultiaddrComponent> components) {
		this.components = List.copyOf(components);
		int length = 0;
		for (MultiaddrComponent component : this.components) {
			length += component.encodedLength();
		}
		if (length > MAX_BYTES) {
			throw new MultiaddrException("multiaddr of " + length + " bytes exceeds the limit of " + MAX_BYTES);
		}
		ByteBuffer out = ByteBuffer.allocate(length);
		for (MultiaddrComponent component : this.components) {
			component.writeTo(out);
		}
		this.bytes = out.array();
	}

	/**
	 * Creates a multiaddr from components.
	 * @param components the components, at least one
	 * @return the multiaddr
	 * @throws MultiaddrException if there are no components or the result is too long
	 */
	public static Multiaddr of(List<MultiaddrComponent> components) throws MultiaddrException {
		if (components.isEmpty()) {
			throw new MultiaddrException("a multiaddr needs at least one component");
		}
		return new Multiaddr(components);
	}

	/**
	 * Parses the text form. A trailing {@code /} is tolerated, as go tolerates it.
	 * @param text the text, such as {@code /ip4/127.0.0.1/tcp/4001}
	 * @return the multiaddr
	 * @throws MultiaddrException naming the unknown protocol or the malformed value
	 */
	public static Multiaddr parse(String text) throws MultiaddrException {
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new MultiaddrException(
					"multiaddr text of " + text.length() + " characters exceeds the limit of " + MAX_TEXT_LENGTH);
		}
		if (!text.startsWith("/")) {
			throw new MultiaddrException("multiaddr '" + text + "' must start with '/'");
		}
		String trimmed = (text.length() > 1 && text.endsWith("/")) ? text.substring(0, text.length() - 1) : text;
		String[] parts = trimmed.substring(1).split("/", -1);
		List<MultiaddrComponent> components = new ArrayList<>();
		for (int i = 0; i < parts.length; i++) {
			String name = parts[i];
			if (name.isEmpty()) {
				throw new MultiaddrException("multiaddr '" + text + "' has an empty protocol name");
			}
			Protocol protocol = Protocol.forName(name);
			if (protocol == null) {
				throw new MultiaddrException("unknown multiaddr protocol '" + name + "' in '" + text + "'");
			}
			String value = "";
			if (protocol.hasValue()) {
				if (++i == parts.length) {
					throw new MultiaddrException(
							"multiaddr protocol " + protocol.protocolName() + " needs a value in '" + text + "'");
				}
				value = parts[i];
			}
			components.add(MultiaddrComponent.of(protocol, value));
		}
		return of(components);
	}

	/**
	 * Decodes the binary form.
	 * @param bytes the bytes
	 * @return the multiaddr
	 * @throws MultiaddrException naming the unknown protocol code, the truncated value or
	 * the broken limit
	 */
	public static Multiaddr fromBytes(byte[] bytes) throws MultiaddrException {
		if (bytes.length > MAX_BYTES) {
			throw new MultiaddrException("multiaddr of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES);
		}
		ByteBuffer in = ByteBuffer.wrap(bytes);
		List<MultiaddrComponent> components = new ArrayList<>();
		try {
			while (in.hasRemaining()) {
				components.add(readComponent(in));
			}
		}
		catch (MultiaddrException ex) {
			throw ex;
		}
		catch (MultiformatException ex) {
			throw new MultiaddrException("invalid multiaddr bytes: " + ex.getMessage(), ex);
		}
		return of(components);
	}

	private static MultiaddrComponent readComponent(ByteBuffer in) {
		long code = Varint.read(in);
		Protocol protocol = Protocol.forCode(code);
		if (protocol == null) {
			throw new MultiaddrException("unknown multiaddr protocol code 0x" + Long.toHexString(code));
		}
		int fixed = protocol.format().fixedLength();
		int length = (fixed >= 0) ? fixed
				: Varint.readBounded(in, MAX_BYTES, protocol.protocolName() + " value length");
		if (length > in.remaining()) {
			throw new MultiaddrException(protocol.protocolName() + " value of " + length + " bytes truncated to "
					+ in.remaining() + " bytes");
		}
		if (fixed < 0 && length == 0) {
			throw new MultiaddrException(protocol.protocolName() + " value must not be empty");
		}
		byte[] value = new byte[length];
		in.get(value);
		return MultiaddrComponent.ofBytes(protocol, value);
	}

	/**
	 * Returns the binary form.
	 * @return a copy of the bytes
	 */
	public byte[] toBytes() {
		return this.bytes.clone();
	}

	/**
	 * Returns the components in order.
	 * @return an unmodifiable list
	 */
	public List<MultiaddrComponent> components() {
		return this.components;
	}

	/**
	 * Returns the text value of the first component with a protocol.
	 * @param protocol the protocol
	 * @return the value's text, empty if the protocol is absent
	 */
	public Optional<String> valueOf(Protocol protocol) {
		return this.components.stream()
			.filter((component) -> component.protocol() == protocol)
			.findFirst()
			.map(MultiaddrComponent::valueString);
	}

	/**
	 * Returns whether any component has a protocol.
	 * @param protocol the protocol
	 * @return {@code true} if present
	 */
	public boolean has(Protocol protocol) {
		return this.components.stream().anyMatch((component) -> component.protocol() == protocol);
	}

	/**
	 * Appends another multiaddr: {@code /ip4/1.2.3.4} encapsulating {@code /tcp/80} gives
	 * {@code /ip4/1.2.3.4/tcp/80}.
	 * @param inner the multiaddr to append
	 * @return the combined multiaddr
	 */
	public Multiaddr encapsulate(Multiaddr inner) {
		List<MultiaddrComponent> combined = new ArrayList<>(this.components);
		combined.addAll(inner.components);
		return new Multiaddr(combined);
	}

	/**
	 * Removes the last occurrence of a protocol and everything after it.
	 * @param protocol the protocol
	 * @return the shorter multiaddr, or empty when nothing would remain
	 */
	public Optional<Multiaddr> decapsulate(Protocol protocol) {
		for (int i = this.components.size() - 1; i >= 0; i--) {
			if (this.components.get(i).protocol() == protocol) {
				return prefix(i);
			}
		}
		return Optional.of(this);
	}

	/**
	 * Removes the last occurrence of a sequence of components and everything after it, as
	 * go's {@code Decapsulate} does.
	 * @param suffix the components to remove
	 * @return the shorter multiaddr, or empty when nothing would remain
	 */
	public Optional<Multiaddr> decapsulate(Multiaddr suffix) {
		List<MultiaddrComponent> tail = suffix.components;
		for (int i = this.components.size() - tail.size(); i >= 0; i--) {
			if (this.components.subList(i, i + tail.size()).equals(tail)) {
				return prefix(i);
			}
		}
		return Optional.of(this);
	}

	private Optional<Multiaddr> prefix(int length) {
		return (length == 0) ? Optional.empty() : Optional.of(new Multiaddr(this.components.subList(0, length)));
	}

	/**
	 * Returns the PeerId of the last {@code /p2p/} component, the peer the address leads
	 * to.
	 * @return the PeerId, or empty if there is none
	 */
	public Optional<PeerId> peerId() {
		for (int i = this.components.size() - 1; i >= 0; i--) {
			MultiaddrComponent component = this.components.get(i);
			if (component.protocol() == Protocol.P2P) {
				return Optional.of(PeerId.fromBytes(component.value()));
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns this address without a trailing {@code /p2p/…} component, as identify and
	 * Kademlia carry addresses.
	 * @return the address without the final PeerId, or this address when it does not end
	 * in one
	 */
	public Multiaddr withoutPeerId() {
		int last = this.components.size() - 1;
		if (last > 0 && this.components.get(last).protocol() == Protocol.P2P) {
			return new Multiaddr(this.components.subList(0, last));
		}
		return this;
	}

	/**
	 * Returns this address ending in {@code /p2p/<peerId>}.
	 * @param peerId the peer
	 * @return the address with the PeerId
	 * @throws MultiaddrException if the address already ends in a different PeerId
	 */
	public Multiaddr withPeerId(PeerId peerId) throws MultiaddrException {
		int last = this.components.size() - 1;
		if (this.components.get(last).protocol() == Protocol.P2P) {
			PeerId present = PeerId.fromBytes(this.components.get(last).value());
			if (!present.equals(peerId)) {
				throw new MultiaddrException("address " + this + " already names peer " + present + ", not " + peerId);
			}
			return this;
		}
		return encapsulate(new Multiaddr(List.of(MultiaddrComponent.ofBytes(Protocol.P2P, peerId.toBytes()))));
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Multiaddr that && Arrays.equals(this.bytes, that.bytes));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	/**
	 * Returns the canonical text form.
	 * @return the text, such as {@code /ip4/127.0.0.1/tcp/4001}
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (MultiaddrComponent component : this.components) {
			text.append(component);
		}
		return text.toString();
	}

}
