package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Kademlia settings. Change one with its {@code with…} method.
 *
 * @param protocolId the protocol id; private DHTs use their own
 * @param mode whether this node answers DHT requests
 * @param k bucket size and number of closest peers a lookup returns
 * @param alpha requests a lookup keeps in flight
 * @param timeouts how long requests and lookups may take
 * @param lifetimes how long stored records live, and how often the table is refreshed
 * @param limits what peers may make this node read and keep
 * @param validators record validators by key namespace; {@code pk} is built in
 * @param addressFilter which peer addresses answers pass on, both ways
 */
public record KadConfig(String protocolId, Mode mode, int k, int alpha, Timeouts timeouts, Lifetimes lifetimes,
		Limits limits, Map<String, RecordValidator> validators, AddressFilter addressFilter) {

	/** The IPFS DHT's protocol id. */
	public static final String IPFS_PROTOCOL_ID = "/ipfs/kad/1.0.0";

	/**
	 * The IPFS DHT in server mode: k 20, α 3 (rust's; go uses 10), the default timeouts,
	 * lifetimes and limits, and the {@code pk} validator.
	 */
	public static final KadConfig DEFAULT = new KadConfig(IPFS_PROTOCOL_ID, Mode.SERVER, 20, 3, Timeouts.DEFAULT,
			Lifetimes.DEFAULT, Limits.DEFAULT, Map.of("pk", RecordValidator.PUBLIC_KEY), AddressFilter.ALL);

	public KadConfig {
		validators = Map.copyOf(validators);
		if (k < 1 || alpha < 1) {
			throw new IllegalArgumentException("k and alpha must be positive, not " + k + " and " + alpha);
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
		return new KadConfig(this.protocolId, mode, this.k, this.alpha, this.timeouts, this.lifetimes, this.limits,
				this.validators, this.addressFilter);
	}

	/**
	 * Returns this configuration with another address filter.
	 * @param filter which peer addresses answers pass on: {@link AddressFilter#PUBLIC}
	 * for a DHT on the internet
	 * @return the new configuration
	 */
	public KadConfig withAddressFilter(AddressFilter filter) {
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.timeouts, this.lifetimes, this.limits,
				this.validators, filter);
	}

	/**
	 * Returns this configuration for another DHT, a private network's own.
	 * @param protocolId the protocol id, starting with {@code /}
	 * @return the new configuration
	 */
	public KadConfig withProtocolId(String protocolId) {
		return new KadConfig(protocolId, this.mode, this.k, this.alpha, this.timeouts, this.lifetimes, this.limits,
				this.validators, this.addressFilter);
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
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.timeouts, this.lifetimes, this.limits,
				all, this.addressFilter);
	}

	/**
	 * Returns this configuration with another bucket size and parallelism.
	 * @param k peers per bucket and closest peers a lookup returns
	 * @param alpha requests a lookup keeps in flight
	 * @return the new configuration
	 */
	public KadConfig withK(int k, int alpha) {
		return new KadConfig(this.protocolId, this.mode, k, alpha, this.timeouts, this.lifetimes, this.limits,
				this.validators, this.addressFilter);
	}

	public KadConfig withTimeouts(Timeouts timeouts) {
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, timeouts, this.lifetimes, this.limits,
				this.validators, this.addressFilter);
	}

	public KadConfig withLifetimes(Lifetimes lifetimes) {
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.timeouts, lifetimes, this.limits,
				this.validators, this.addressFilter);
	}

	public KadConfig withLimits(Limits limits) {
		return new KadConfig(this.protocolId, this.mode, this.k, this.alpha, this.timeouts, this.lifetimes, limits,
				this.validators, this.addressFilter);
	}

	/**
	 * How long requests and lookups may take.
	 *
	 * @param request one request, from dialing to the answer
	 * @param query a whole lookup
	 */
	public record Timeouts(Duration request, Duration query) {

		/** 10 s each. */
		public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));

		public Timeouts {
			requirePositive("timeouts", request, query);
		}

	}

	/**
	 * How long stored records live, and how often the table is refreshed.
	 *
	 * @param record how long a stored record lives; this node's own are published again
	 * every half of it
	 * @param provider how long a provider record lives; this node's own are announced
	 * again every half of it
	 * @param refreshInterval how often the table is refreshed by looking up this node and
	 * random keys
	 */
	public record Lifetimes(Duration record, Duration provider, Duration refreshInterval) {

		/** Records and providers for 48 h, refresh every 10 min. */
		public static final Lifetimes DEFAULT = new Lifetimes(Duration.ofHours(48), Duration.ofHours(48),
				Duration.ofMinutes(10));

		public Lifetimes {
			requirePositive("lifetimes", record, provider, refreshInterval);
		}

	}

	/**
	 * What peers may make this node read and keep.
	 *
	 * @param maxRecordSize the largest record value accepted
	 * @param maxMessageSize the largest message read
	 * @param maxRecords records stored at most
	 * @param maxProvidersPerKey providers kept per key
	 * @param maxProviderKeys keys with providers kept at most
	 * @param maxPerIpGroup peers of one public /24 or /48 (of the connection's address)
	 * per bucket, 0 for no limit; private and loopback addresses are exempt
	 * @param maxRecordsPerPeer records one peer may have stored here at once
	 * @param maxProviderKeysPerPeer keys one peer may be stored here as provider of at
	 * once
	 */
	public record Limits(int maxRecordSize, int maxMessageSize, int maxRecords, int maxProvidersPerKey,
			int maxProviderKeys, int maxPerIpGroup, int maxRecordsPerPeer, int maxProviderKeysPerPeer) {

		/**
		 * 16 KiB records (rust refuses bigger messages), 64 KiB messages, 10 000 records
		 * and provider keys, 20 providers a key, 2 peers per address block and bucket,
		 * and of the stores a peer may take 100 records and 1 000 provider keys (a large
		 * IPFS node provides many keys; a record store is rarely written).
		 */
		public static final Limits DEFAULT = new Limits(16 * 1024, 64 * 1024, 10_000, 20, 10_000, 2, 100, 1000);

		public Limits {
			if (maxRecordSize < 1 || maxMessageSize < maxRecordSize || maxRecords < 1 || maxProvidersPerKey < 1
					|| maxProviderKeys < 1 || maxPerIpGroup < 0 || maxRecordsPerPeer < 1
					|| maxProviderKeysPerPeer < 1) {
				throw new IllegalArgumentException("kad limits must be positive and messages hold a record");
			}
		}

		/**
		 * Returns a copy with another limit of peers from one public address block per
		 * bucket.
		 * @param peers the limit, 0 for none
		 * @return the copy
		 */
		public Limits withMaxPerIpGroup(int peers) {
			return new Limits(this.maxRecordSize, this.maxMessageSize, this.maxRecords, this.maxProvidersPerKey,
					this.maxProviderKeys, peers, this.maxRecordsPerPeer, this.maxProviderKeysPerPeer);
		}

		/**
		 * Returns a copy with another record size limit; messages grow to hold one record
		 * if they were smaller.
		 * @param bytes the largest record value
		 * @return the copy
		 */
		public Limits withMaxRecordSize(int bytes) {
			return new Limits(bytes, Math.max(this.maxMessageSize, bytes), this.maxRecords, this.maxProvidersPerKey,
					this.maxProviderKeys, this.maxPerIpGroup, this.maxRecordsPerPeer, this.maxProviderKeysPerPeer);
		}

	}

	private static void requirePositive(String what, Duration... durations) {
		for (Duration duration : durations) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("kad " + what + " must be positive, not " + duration);
			}
		}
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
