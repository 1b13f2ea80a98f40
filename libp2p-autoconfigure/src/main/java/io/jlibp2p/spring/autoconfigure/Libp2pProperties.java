package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.MultiformatException;

/**
 * Configuration of the libp2p node, under {@code libp2p}.
 *
 * @param enabled whether to run a libp2p node at all
 * @param identity where the node's identity key is kept
 * @param listenAddresses multiaddrs to listen on, such as {@code /ip4/0.0.0.0/tcp/4001};
 * port 0 picks a free port
 * @param muxers stream muxers to offer, in order of preference: {@code /yamux/1.0.0},
 * {@code /mplex/6.7.0}
 * @param connections connection limits and timeouts
 * @param ping the ping protocol
 * @param identify the identify protocol
 * @param rest the REST API
 */
@ConfigurationProperties("libp2p")
public record Libp2pProperties(@DefaultValue("true") boolean enabled, @DefaultValue Identity identity,
		@DefaultValue("/ip4/127.0.0.1/tcp/0") List<String> listenAddresses, @DefaultValue( {
				"/yamux/1.0.0", "/mplex/6.7.0" }) List<String> muxers,
		@DefaultValue Connections connections, @DefaultValue Ping ping, @DefaultValue Identify identify,
		@DefaultValue Rest rest){

	public Libp2pProperties {
		for (String address : listenAddresses) {
			try {
				Multiaddr.parse(address);
			}
			catch (MultiformatException ex) {
				throw new IllegalArgumentException(
						"libp2p.listen-addresses: '" + address + "' is not a multiaddr: " + ex.getMessage(), ex);
			}
		}
		if (muxers.isEmpty()) {
			throw new IllegalArgumentException("libp2p.muxers must name at least one muxer");
		}
	}

	/**
	 * The node's identity.
	 *
	 * @param keyFile file holding the private key protobuf; created (readable by its
	 * owner only) when missing, refused when group or world can read it
	 * @param keyType type of a newly generated key
	 */
	public record Identity(@DefaultValue("libp2p-identity.key") Path keyFile,
			@DefaultValue("ED25519") KeyType keyType) {
	}

	/**
	 * Connection limits and timeouts.
	 *
	 * @param max connections open at once
	 * @param maxPerPeer connections open at once to one peer
	 * @param maxPendingInbound inbound connections being secured at once
	 * @param maxPendingOutbound dials in progress at once
	 * @param dialTimeout how long a dial may take, connect and upgrade together
	 * @param handshakeTimeout how long a security handshake may take
	 * @param idleTimeout how long a connection without streams stays open unless a
	 * protocol keeps it
	 * @param shutdownTimeout how long stopping the node waits for connections to close
	 */
	public record Connections(@DefaultValue("256") int max, @DefaultValue("4") int maxPerPeer,
			@DefaultValue("64") int maxPendingInbound, @DefaultValue("64") int maxPendingOutbound,
			@DefaultValue("30s") Duration dialTimeout, @DefaultValue("15s") Duration handshakeTimeout,
			@DefaultValue("60s") Duration idleTimeout, @DefaultValue("5s") Duration shutdownTimeout) {
	}

	/**
	 * The ping protocol.
	 *
	 * @param enabled whether to answer and send pings
	 * @param interval how often to ping every connection, zero for never; pinged
	 * connections are kept alive
	 * @param timeout how long one ping may take
	 */
	public record Ping(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
			@DefaultValue("20s") Duration timeout) {
	}

	/**
	 * The identify protocol.
	 *
	 * @param enabled whether to identify peers and answer identify requests
	 * @param agentVersion what this node calls itself
	 * @param push whether to push address and protocol changes to connected peers
	 */
	public record Identify(@DefaultValue("true") boolean enabled, @DefaultValue("jlibp2p") String agentVersion,
			@DefaultValue("true") boolean push) {
	}

	/**
	 * The REST API.
	 *
	 * @param enabled whether to serve it (in servlet web applications)
	 * @param basePath where it is served; set it in {@code libp2p.rest.base-path}
	 * @param timeout how long a dial or ping request may take before it fails with 504
	 */
	public record Rest(@DefaultValue("true") boolean enabled, @DefaultValue("/libp2p") String basePath,
			@DefaultValue("10s") Duration timeout) {
	}

}
