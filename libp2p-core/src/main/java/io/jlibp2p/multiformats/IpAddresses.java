package io.jlibp2p.multiformats;

import java.util.Arrays;

/**
 * Strict text forms of IP addresses, written here rather than taken from
 * {@link java.net.InetAddress}: that class may resolve names, accepts zones and prints
 * IPv6 without the RFC 5952 zero compression that go, rust and js print.
 */
final class IpAddresses {

	private IpAddresses() {
	}

	static byte[] parseIp4(String text) {
		byte[] out = new byte[4];
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			throw new MultiaddrException("invalid ip4 address '" + text + "': expected four dotted decimals");
		}
		for (int i = 0; i < 4; i++) {
			out[i] = (byte) parseOctet(parts[i], text);
		}
		return out;
	}

	private static int parseOctet(String part, String text) {
		boolean digits = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
		if (!digits || (part.length() > 1 && part.charAt(0) == '0')) {
			throw new MultiaddrException("invalid ip4 address '" + text + "': bad octet '" + part + "'");
		}
		int value = Integer.parseInt(part);
		if (value > 255) {
			throw new MultiaddrException("invalid ip4 address '" + text + "': octet " + value + " exceeds 255");
		}
		return value;
	}

	static String formatIp4(byte[] address) {
		return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
	}

	static byte[] parseIp6(String text) {
		int doubleColon = text.indexOf("::");
		if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
			throw new MultiaddrException("invalid ip6 address '" + text + "': more than one '::'");
		}
		byte[] out = new byte[16];
		if (doubleColon < 0) {
			if (parseGroups(text, text, out, 0) != 16) {
				throw new MultiaddrException("invalid ip6 address '" + text + "': expected eight groups");
			}
			return out;
		}
		byte[] head = new byte[16];
		byte[] tail = new byte[16];
		int headLength = parseGroups(text.substring(0, doubleColon), text, head, 0);
		int tailLength = parseGroups(text.substring(doubleColon + 2), text, tail, 0);
		if (headLength + tailLength > 14) {
			throw new MultiaddrException("invalid ip6 address '" + text + "': too many groups around '::'");
		}
		System.arraycopy(head, 0, out, 0, headLength);
		System.arraycopy(tail, 0, out, 16 - tailLength, tailLength);
		return out;
	}

	/**
	 * Parses colon-separated groups (the last may be a dotted ip4) and returns the bytes
	 * written.
	 */
	private static int parseGroups(String groups, String text, byte[] out, int offset) {
		if (groups.isEmpty()) {
			return 0;
		}
		String[] parts = groups.split(":", -1);
		int position = offset;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && part.indexOf('.') >= 0) {
				if (position + 4 > out.length) {
					throw new MultiaddrException("invalid ip6 address '" + text + "': too long");
				}
				System.arraycopy(parseIp4(part), 0, out, position, 4);
				position += 4;
				continue;
			}
			if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddresses::isHexDigit)) {
				throw new MultiaddrException("invalid ip6 address '" + text + "': bad group '" + part + "'");
			}
			if (position + 2 > out.length) {
				throw new MultiaddrException("invalid ip6 address '" + text + "': too long");
			}
			int value = Integer.parseInt(part, 16);
			out[position++] = (byte) (value >>> 8);
			out[position++] = (byte) value;
		}
		return position - offset;
	}

	private static boolean isHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/**
	 * Formats an IPv6 address as RFC 5952 says: lower case, no leading zeros, the longest
	 * run of two or more zero groups (the first on a tie) as {@code ::}, and IPv4-mapped
	 * addresses as {@code ::ffff:a.b.c.d} as go-multiaddr prints them.
	 */
	static String formatIp6(byte[] address) {
		if (isIp4Mapped(address)) {
			return "::ffff:" + formatIp4(Arrays.copyOfRange(address, 12, 16));
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j == i) ? i + 1 : j;
		}
		StringBuilder out = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(groups[i]));
		}
		return out.toString();
	}

	private static boolean isIp4Mapped(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
	}

}
