package io.jlibp2p.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.muxer.StreamFailedEvent;

/**
 * Running totals of what a swarm's network did, for monitoring (the Spring Boot starter
 * exposes them through Micrometer). Every key set is small and fixed, or capped: stream
 * protocols beyond {@value #MAX_PROTOCOLS} distinct ids are counted as {@code other}, so
 * a peer cannot inflate it. Thread-safe; reads are snapshots.
 */
public final class NetworkMetrics {

	/** Distinct stream protocols counted by name. */
	public static final int MAX_PROTOCOLS = 64;

	/** Where an upgrade from raw connection to {@link Connection} failed. */
	public enum UpgradeFailure {

		/** The transport could not connect. */
		TRANSPORT,

		/**
		 * multistream-select found no common protocol or the peer spoke something else.
		 */
		NEGOTIATION,

		/** The security handshake failed (malformed, unauthenticated, bad signature). */
		HANDSHAKE,

		/** The peer proved another identity than the one dialed. */
		PEER_MISMATCH,

		/** A dial or upgrade ran out of time. */
		TIMEOUT,

		/** A connection limit refused it. */
		LIMIT,

		/** The peer is not in this private network: another pre-shared key, or none. */
		PNET,

		/** The connection gater refused it. */
		GATED

	}

	private final Map<Direction, LongAdder> opened = counters(Direction.class);

	private final Map<CloseReason.Cause, LongAdder> closed = counters(CloseReason.Cause.class);

	private final Map<UpgradeFailure, LongAdder> upgradeFailures = counters(UpgradeFailure.class);

	private final Map<ConnectionGater.Checkpoint, LongAdder> gated = counters(ConnectionGater.Checkpoint.class);

	private final Map<String, LongAdder> streams = new ConcurrentHashMap<>();

	private final Map<StreamFailedEvent.Cause, Map<String, LongAdder>> streamFailures = new EnumMap<>(
			StreamFailedEvent.Cause.class);

	private final LongAdder dialsFailed = new LongAdder();

	private final LongAdder streamsRefused = new LongAdder();

	private final LongAdder bytesRead = new LongAdder();

	private final LongAdder bytesWritten = new LongAdder();

	/** Creates the metrics, every count zero. */
	public NetworkMetrics() {
		for (StreamFailedEvent.Cause cause : StreamFailedEvent.Cause.values()) {
			this.streamFailures.put(cause, new ConcurrentHashMap<>());
		}
	}

	private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> keys) {
		Map<E, LongAdder> map = new EnumMap<>(keys);
		for (E key : keys.getEnumConstants()) {
			map.put(key, new LongAdder());
		}
		return map;
	}

	void connectionOpened(Direction direction) {
		this.opened.get(direction).increment();
	}

	/**
	 * Counts a closed connection.
	 * @param cause why it closed
	 */
	public void connectionClosed(CloseReason.Cause cause) {
		this.closed.get(cause).increment();
	}

	/**
	 * Counts a failed upgrade or dial.
	 * @param failure where it failed
	 */
	public void upgradeFailed(UpgradeFailure failure) {
		this.upgradeFailures.get(failure).increment();
	}

	void streamOpened(String protocol) {
		countByProtocol(this.streams, protocol);
	}

	void streamFailed(StreamFailedEvent event) {
		String protocol = event.protocol();
		countByProtocol(this.streamFailures.get(event.cause()), (protocol != null) ? protocol : "none");
	}

	private static void countByProtocol(Map<String, LongAdder> counters, String protocol) {
		String key = (counters.containsKey(protocol) || counters.size() < MAX_PROTOCOLS) ? protocol : "other";
		counters.computeIfAbsent(key, (name) -> new LongAdder()).increment();
	}

	/**
	 * Counts a dial that did not end in a connection.
	 */
	public void dialFailed() {
		this.dialsFailed.increment();
	}

	/**
	 * Counts an inbound stream refused: no protocol agreed, or over the muxer's stream
	 * limit.
	 */
	public void streamRefused() {
		this.streamsRefused.increment();
	}

	void read(long bytes) {
		this.bytesRead.add(bytes);
	}

	void written(long bytes) {
		this.bytesWritten.add(bytes);
	}

	/**
	 * Returns how many connections were established.
	 * @param direction inbound or outbound
	 * @return the total
	 */
	public long connectionsOpened(Direction direction) {
		return this.opened.get(direction).sum();
	}

	/**
	 * Returns how many connections closed for a cause.
	 * @param cause the cause
	 * @return the total
	 */
	public long connectionsClosed(CloseReason.Cause cause) {
		return this.closed.get(cause).sum();
	}

	/**
	 * Returns how many upgrades or dials failed at a stage.
	 * @param failure the stage
	 * @return the total
	 */
	public long upgradeFailures(UpgradeFailure failure) {
		return this.upgradeFailures.get(failure).sum();
	}

	/**
	 * Counts a connection the gater refused.
	 * @param checkpoint where
	 */
	public void gaterRefused(ConnectionGater.Checkpoint checkpoint) {
		this.gated.get(checkpoint).increment();
	}

	/**
	 * Returns how many connections the gater refused at a checkpoint.
	 * @param checkpoint the checkpoint
	 * @return the total
	 */
	public long gaterRefusals(ConnectionGater.Checkpoint checkpoint) {
		return this.gated.get(checkpoint).sum();
	}

	/**
	 * Returns how many streams were opened, in either direction, by negotiated protocol.
	 * @return protocol ids (or {@code other}) with their totals, sorted by id
	 */
	public Map<String, Long> streamsOpened() {
		return snapshot(this.streams);
	}

	/**
	 * Returns how many streams a protocol reset because of what the peer did, by
	 * protocol.
	 * @param cause what the peer did
	 * @return protocol ids ({@code none} if none was agreed, {@code other} beyond
	 * {@value #MAX_PROTOCOLS}) with their totals, sorted by id
	 */
	public Map<String, Long> streamsFailed(StreamFailedEvent.Cause cause) {
		return snapshot(this.streamFailures.get(cause));
	}

	private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
		Map<String, Long> snapshot = new TreeMap<>();
		counters.forEach((protocol, count) -> snapshot.put(protocol, count.sum()));
		return snapshot;
	}

	/**
	 * Returns how many dials failed, at any stage; successful dials are the outbound
	 * connections opened.
	 * @return the count
	 */
	public long dialsFailed() {
		return this.dialsFailed.sum();
	}

	/**
	 * Returns how many inbound streams were refused.
	 * @return the count
	 */
	public long streamsRefused() {
		return this.streamsRefused.sum();
	}

	/**
	 * Returns the bytes read from raw connections, encryption and framing included.
	 * @return the total
	 */
	public long bytesRead() {
		return this.bytesRead.sum();
	}

	/**
	 * Returns the bytes written to raw connections, encryption and framing included.
	 * @return the total
	 */
	public long bytesWritten() {
		return this.bytesWritten.sum();
	}

}
