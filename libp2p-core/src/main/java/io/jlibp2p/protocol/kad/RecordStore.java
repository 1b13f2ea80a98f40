package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * Where a DHT node keeps the records it is asked to store; replace the in-memory store
 * with a persistent one through {@link Kademlia}'s constructor. Called on the swarm's
 * thread only.
 */
public interface RecordStore {

	/**
	 * Stores a record, replacing one under the same key.
	 * @param record the record
	 * @return {@code false} if the store is full, or holds as many records of its
	 * publisher as one peer may store
	 */
	boolean put(StoredRecord record);

	/**
	 * Looks a record up.
	 * @param key the key
	 * @param now the current time, to skip expired records
	 * @return the record, if stored and not expired
	 */
	Optional<StoredRecord> get(byte[] key, Instant now);

	/**
	 * Returns how many records are stored.
	 * @return the count
	 */
	int size();

	/**
	 * A stored record.
	 *
	 * @param key the key
	 * @param value the value
	 * @param publisher the peer that stored it here, {@code null} for this node's own
	 * @param receivedAt when it was stored
	 * @param expiresAt when it expires
	 */
	record StoredRecord(byte[] key, byte[] value, @Nullable PeerId publisher, Instant receivedAt, Instant expiresAt) {
	}

}
