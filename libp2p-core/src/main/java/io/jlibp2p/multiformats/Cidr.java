package io.jlibp2p.multiformats;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 10.0.0.0/8} or
 * {@code fd00::/8}, and whether an address lies in it. Parsed without name resolution.
 */
public final class Cidr {

	/** The loopback networks of IPv4 and IPv6. */
	public static final List<Cidr> LOOPBACK = List.of(parse("127.0.0.0/8"), parse("::1/128"));

	/**
	 * Networks whose addresses are not on the public internet: loopback, private (RFC
	 * 1918), shared (CGNAT, RFC 6598), link-local, unique local (RFC 4193) and
	 * unspecified.
	 */
	public static final List<Cidr> NON_PUBLIC = Stream.concat(LOOPBACK.stream(),
			Stream.of(parse("10.0.0.0/8"), parse("172.16.0.0/12"), parse("192.168.0.0/16"), parse("100.64.0.0/10"),
					parse("169.254.0.0/16"), parse("0.0.0.0/8"), parse("::/128"), parse("fe80::/10"),
					parse("fc00::/7")))
		.toList();

	private final byte[] network;

	private final int prefixLength;

	private Cidr(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * Parses CIDR notation; an address without a prefix length is a network of one.
	 * @param text such as {@code 192.168.0.0/16}
	 * @return the network
	 * @throws MultiformatException if the text is not an IP address with a prefix length
	 * that fits it
	 */
	public static Cidr parse(String text) {
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		byte[] bytes = address.contains(":") ? IpAddresses.parseIp6(address) : IpAddresses.parseIp4(address);
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = text.substring(slash + 1);
			if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
				throw new MultiformatException("invalid prefix length in '" + text + "'");
			}
			prefix = Integer.parseInt(length);
		}
		if (prefix > bits) {
			throw new MultiformatException(
					"a prefix of " + prefix + " bits is longer than the address in '" + text + "'");
		}
		return new Cidr(masked(bytes, prefix), prefix);
	}

	/**
	 * Returns whether an address lies in this network; an IPv4 address never lies in an
	 * IPv6 network, or the other way round.
	 * @param address 4 or 16 bytes
	 * @return {@code true} if its first {@code prefixLength} bits match
	 */
	public boolean contains(byte[] address) {
		return address.length == this.network.length && Arrays.equals(masked(address, this.prefixLength), this.network);
	}

	/**
	 * Returns whether a multiaddr's IP address lies in this network.
	 * @param address a multiaddr
	 * @return {@code false} for one that does not start with {@code /ip4} or {@code /ip6}
	 */
	public boolean contains(Multiaddr address) {
		return ip(address).map(this::contains).orElse(false);
	}

	/**
	 * Returns the IP address a multiaddr starts with.
	 * @param address the multiaddr
	 * @return its {@code /ip4} or {@code /ip6} value, if it starts with one
	 */
	public static Optional<byte[]> ip(Multiaddr address) {
		List<MultiaddrComponent> components = address.components();
		if (components.isEmpty()) {
			return Optional.empty();
		}
		MultiaddrComponent first = components.get(0);
		return (first.protocol() == Protocol.IP4 || first.protocol() == Protocol.IP6) ? Optional.of(first.value())
				: Optional.empty();
	}

	/**
	 * Returns whether an address is on the public internet: none of {@link #NON_PUBLIC}.
	 * @param address 4 or 16 bytes
	 * @return {@code false} for loopback, private, link-local and unique local addresses
	 */
	public static boolean isPublic(byte[] address) {
		return !inAny(NON_PUBLIC, address);
	}

	/**
	 * Returns whether an address is a loopback address.
	 * @param address 4 or 16 bytes
	 * @return {@code true} for 127.0.0.0/8 and ::1
	 */
	public static boolean isLoopback(byte[] address) {
		return inAny(LOOPBACK, address);
	}

	/**
	 * Returns whether one of some networks holds an address.
	 * @param networks the networks
	 * @param address 4 or 16 bytes
	 * @return {@code true} if one contains it
	 */
	public static boolean inAny(List<Cidr> networks, byte[] address) {
		return networks.stream().anyMatch((network) -> network.contains(address));
	}

	/**
	 * Names the subnet an address is grouped by against sybils: its /24 (IPv4) or /48
	 * (IPv6), from the binary form so that every text form of one address groups alike.
	 * @param address 4 or 16 bytes
	 * @return the subnet's prefix in hex
	 */
	public static String subnet(byte[] address) {
		return HexFormat.of().formatHex(address, 0, (address.length == 4) ? 3 : 6);
	}

	private static byte[] masked(byte[] address, int prefix) {
		byte[] out = address.clone();
		for (int i = 0; i < out.length; i++) {
			int keep = Math.max(0, Math.min(8, prefix - i * 8));
			out[i] &= (byte) (0xff << (8 - keep));
		}
		return out;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr that && this.prefixLength == that.prefixLength
				&& Arrays.equals(this.network, that.network);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.network) * 31 + this.prefixLength;
	}

	@Override
	public String toString() {
		String address = (this.network.length == 4) ? IpAddresses.formatIp4(this.network)
				: IpAddresses.formatIp6(this.network);
		return address + "/" + this.prefixLength;
	}

}
