package io.jlibp2p.multiformats;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The multiaddr protocols jlibp2p reads and writes, with their multicodec codes and value
 * formats.
 *
 * @see <a href=
 * "https://github.com/multiformats/multiaddr/blob/master/protocols.csv">multiaddr
 * protocols</a>
 */
public enum Protocol {

	/** IPv4 address. */
	IP4(0x04, "ip4", ValueFormat.IP4),

	/** TCP port. */
	TCP(0x06, "tcp", ValueFormat.PORT),

	/** IPv6 address. */
	IP6(0x29, "ip6", ValueFormat.IP6),

	/** DNS name resolving to IPv4 or IPv6. */
	DNS(0x35, "dns", ValueFormat.TEXT),

	/** DNS name resolving to IPv4. */
	DNS4(0x36, "dns4", ValueFormat.TEXT),

	/** DNS name resolving to IPv6. */
	DNS6(0x37, "dns6", ValueFormat.TEXT),

	/** DNS name whose {@code _dnsaddr} TXT records hold multiaddrs. */
	DNSADDR(0x38, "dnsaddr", ValueFormat.TEXT),

	/** WebRTC direct (browser to server). */
	WEBRTC_DIRECT(0x0118, "webrtc-direct", ValueFormat.NONE),

	/** WebRTC through a relay. */
	WEBRTC(0x0119, "webrtc", ValueFormat.NONE),

	/** UDP port. */
	UDP(0x0111, "udp", ValueFormat.PORT),

	/** Circuit relay hop. */
	P2P_CIRCUIT(0x0122, "p2p-circuit", ValueFormat.NONE),

	/** In-process transport address, used for tests and simulations. */
	MEMORY(0x0309, "memory", ValueFormat.UINT64),

	/**
	 * PeerId; {@code /ipfs/} is accepted as an alias on parse, {@code /p2p/} is printed.
	 */
	P2P(0x01a5, "p2p", ValueFormat.PEER_ID),

	/** TLS security. */
	TLS(0x01c0, "tls", ValueFormat.NONE),

	/** TLS server name indication. */
	SNI(0x01c1, "sni", ValueFormat.TEXT),

	/** Noise security. */
	NOISE(0x01c6, "noise", ValueFormat.NONE),

	/** QUIC draft-29, legacy; not QUIC v1. */
	QUIC(0x01cc, "quic", ValueFormat.NONE),

	/** QUIC version 1 (RFC 9000). */
	QUIC_V1(0x01cd, "quic-v1", ValueFormat.NONE),

	/** WebTransport over QUIC. */
	WEBTRANSPORT(0x01d1, "webtransport", ValueFormat.NONE),

	/** Hash of a certificate the peer presents, for WebTransport and WebRTC. */
	CERTHASH(0x01d2, "certhash", ValueFormat.MULTIBASE_MULTIHASH),

	/** WebSocket. */
	WS(0x01dd, "ws", ValueFormat.NONE),

	/** WebSocket over TLS (deprecated alias of {@code /tls/ws}). */
	WSS(0x01de, "wss", ValueFormat.NONE),

	/** HTTP. */
	HTTP(0x01e0, "http", ValueFormat.NONE);

	private static final Map<Integer, Protocol> BY_CODE = new HashMap<>();

	private static final Map<String, Protocol> BY_NAME = new HashMap<>();

	static {
		for (Protocol protocol : values()) {
			BY_CODE.put(protocol.code, protocol);
			BY_NAME.put(protocol.protocolName, protocol);
		}
		BY_NAME.put("ipfs", P2P);
	}

	private final int code;

	private final String protocolName;

	private final ValueFormat format;

	Protocol(int code, String protocolName, ValueFormat format) {
		this.code = code;
		this.protocolName = protocolName;
		this.format = format;
	}

	/**
	 * Returns the multicodec code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the name used in text multiaddrs.
	 * @return the name, such as {@code quic-v1}
	 */
	public String protocolName() {
		return this.protocolName;
	}

	/**
	 * Returns whether the protocol carries a value.
	 * @return {@code true} for protocols such as {@code ip4} or {@code tcp}
	 */
	public boolean hasValue() {
		return this.format != ValueFormat.NONE;
	}

	ValueFormat format() {
		return this.format;
	}

	/**
	 * Looks a protocol up by its multicodec code.
	 * @param code the code
	 * @return the protocol, or {@code null} when it is not supported
	 */
	public static @Nullable Protocol forCode(long code) {
		return (code > Integer.MAX_VALUE) ? null : BY_CODE.get((int) code);
	}

	/**
	 * Looks a protocol up by its text name ({@code ipfs} finds {@link #P2P}).
	 * @param name the name
	 * @return the protocol, or {@code null} when it is not supported
	 */
	public static @Nullable Protocol forName(String name) {
		return BY_NAME.get(name);
	}

}
