package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Kademlia settings.
 *
 * @param protocolId the protocol id; private DHTs use their own
 * @param mode whether this node answers DHT requests
 * @param k bucket size and number of closest peers a lookup returns
 * @param alpha requests a lookup keeps in flight
 * @param requestTimeout how long one request may take
 * @param queryTimeout how long a whole lookup may take
 * @param recordTtl how long a stored record lives
 * @param providerTtl how long a provider record lives
 * @param refreshInterval how often the table is refreshed by looking up this node and
 * random keys
 * @param maxRecordSize the largest record value accepted
 * @param maxMessageSize the largest message read
 * @param maxRecords records stored at most
 * @param maxProvidersPerKey providers kept per key
 * @param maxProviderKeys keys with providers kept at most
 * @param maxPerIpGroup peers of one /24 or /48 per bucket
 * @param validators record validators by key namespace; {@code pk} is built in
 */
public record KadConfig(String protocolId, Mode mode, int k, int alpha, Duration requestTimeout, Duration queryTimeout,
		Duration recordTtl, Duration providerTtl, Duration refreshInterval, int maxRecordSize, int maxMessageSize,
		int maxRecords, int maxProvidersPerKey, int maxProviderKeys, int maxPerIpGroup,
		Map<String, RecordValidator> validators) {

	/** The IPFS DHT's protocol id. */
	public static final String IPFS_PROTOCOL_ID = "/ipfs/kad/1.0.0";

	/**
	 * The IPFS DHT in server mode: k 20, α 3 (rust's; go uses 10), 10 s requests and
	 * lookups, records and providers for 48 h, refresh every 10 min, 16 KiB records (rust
	 * refuses bigger messages), 64 KiB messages, 2 peers per address block and bucket.
	 */
	public static final KadConfig DEFAULT = new KadConfig(IPFS_PROTOCOL_ID, Mode.SERVER, 20, 3, Duration.ofSeconds(10),
			Duration.ofSeconds(10), Duration.ofHours(48), Duration.ofHours(48), Duration.ofMinutes(10), 16 * 1024,
			64 * 1024, 10_000, 20, 10_000, 2, Map.of("pk", RecordValidator.PUBLIC_KEY));

	public KadConfig {
		validators = Map.copyOf(validators);
		if (k < 1 || alpha < 1 || maxRecordSize < 1 || maxMessageSize < maxRecordSize || maxRecords < 1
				|| maxProvidersPerKey < 1 || maxProviderKeys < 1 || maxPerIpGroup < 1) {
			throw new IllegalArgumentException("kad limits must be positive and messages hold a record");
		}
		if (!protocolId.startsWith("/")) {
			throw new IllegalArgumentException("a kad protocol id starts with '/', not " + protocolId);
		}
	}

	/**
	 * Returns these settings in another mode.
	 * @param mode the mode
	 * @return the new settings
	 */
	public KadConfig withMode(Mode mode) {
		return new KadConfig(this.protocolId, mode, this.k, this.alpha, this.requestTimeout, this.queryTimeout,
				this.recordTtl, this.providerTtl, this.refreshInterval, this.maxRecordSize, this.maxMessageSize,
				this.maxRecords, this.maxProvidersPerKey, this.maxProviderKeys, this.maxPerIpGroup, this.validators);
	}

	/**
	 * Returns this configuration for another DHT, a private network's own.
	 * @param protocolId the protocol id, starting with {@code /}
	 * @return the new configuration
	 */
	public KadConfig withProtocolId(String protocolId) {
		return new KadConfig(protocolId, this.mode, this.k, this.alpha, this.requestTimeout, this.queryTimeout,
				this.recordTtl, this.providerTtl, this.refreshInterval, this.maxRecordSize, this.maxMessageSize,
				this.maxRecords, this.maxProvidersPerKey, this.maxProviderKeys, this.maxPerIpGroup, this.validators);
	}

	/**
	 * Returns this configuration with more record validators.
	 * @param added validators by namespace; they replace existing ones of the same
	 * namespace
	 * @return the new configuration
	 */
	public KadConfig withValidators(Map<String, RecordValidator> added) {
		Map<String, RecordValidator> all = new HashMap<>(this.validators);
		all.putAll(added);
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.requestTimeout, this.queryTimeout,
				this.recordTtl, this.providerTtl, this.refreshInterval, this.maxRecordSize, this.maxMessageSize,
				this.maxRecords, this.maxProvidersPerKey, this.maxProviderKeys, this.maxPerIpGroup, all);
	}

	/**
	 * Returns this configuration with another bucket size.
	 * @param k peers per bucket and closest peers a lookup returns
	 * @return the new configuration
	 */
	public KadConfig withK(int k) {
		return new KadConfig(this.protocolId, this.mode, k, this.alpha, this.requestTimeout, this.queryTimeout,
				this.recordTtl, this.providerTtl, this.refreshInterval, this.maxRecordSize, this.maxMessageSize,
				this.maxRecords, this.maxProvidersPerKey, this.maxProviderKeys, this.maxPerIpGroup, this.validators);
	}

	/**
	 * Returns this configuration with other lifetimes for stored records.
	 * @param recordTtl how long records live
	 * @param providerTtl how long provider records live
	 * @return the new configuration
	 */
	public KadConfig withTtls(Duration recordTtl, Duration providerTtl) {
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.requestTimeout, this.queryTimeout,
				recordTtl, providerTtl, this.refreshInterval, this.maxRecordSize, this.maxMessageSize, this.maxRecords,
				this.maxProvidersPerKey, this.maxProviderKeys, this.maxPerIpGroup, this.validators);
	}

	/**
	 * Whether a node answers DHT requests.
	 */
	public enum Mode {

		/** Serves the protocol, advertises it and can enter other nodes' tables. */
		SERVER,

		/** Only asks: serves and advertises nothing, so it never enters a table. */
		CLIENT,

		/**
		 * A client until the swarm has a confirmed external address, a server while it
		 * has one: a node behind a NAT that nobody can dial must not be offered to others
		 * as a DHT server.
		 */
		AUTO

	}

}
