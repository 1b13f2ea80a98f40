package io.jlibp2p.protocol.kad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;

import io.jlibp2p.peer.PeerId;

/**
 * The in-memory record and provider stores, bounded in entries; expired entries are
 * dropped when met and make room before a store counts as full.
 */
public final class MemoryStores {

	private MemoryStores() {
	}

	/**
	 * Creates a record store.
	 * @param maxRecords the most records kept
	 * @return the store
	 */
	public static RecordStore records(int maxRecords) {
		return new Records(maxRecords);
	}

	/**
	 * Creates a provider store.
	 * @param maxKeys the most keys with providers kept
	 * @param maxPerKey the most providers kept per key
	 * @return the store
	 */
	public static ProviderStore providers(int maxKeys, int maxPerKey) {
		return new Providers(maxKeys, maxPerKey);
	}

	private static final class Records implements RecordStore {

		private final int max;

		private final Map<ByteString, StoredRecord> records = new HashMap<>();

		Records(int max) {
			this.max = max;
		}

		@Override
		public boolean put(StoredRecord record) {
			ByteString key = ByteString.copyFrom(record.key());
			if (!this.records.containsKey(key) && this.records.size() >= this.max) {
				this.records.values().removeIf((stored) -> stored.expiresAt().isBefore(record.receivedAt()));
				if (this.records.size() >= this.max) {
					return false;
				}
			}
			this.records.put(key, record);
			return true;
		}

		@Override
		public Optional<StoredRecord> get(byte[] key, Instant now) {
			ByteString wrapped = ByteString.copyFrom(key);
			StoredRecord record = this.records.get(wrapped);
			if (record != null && record.expiresAt().isBefore(now)) {
				this.records.remove(wrapped);
				return Optional.empty();
			}
			return Optional.ofNullable(record);
		}

		@Override
		public int size() {
			return this.records.size();
		}

	}

	private static final class Providers implements ProviderStore {

		private final int maxKeys;

		private final int maxPerKey;

		private final Map<ByteString, LinkedHashMap<PeerId, Provider>> providers = new HashMap<>();

		Providers(int maxKeys, int maxPerKey) {
			this.maxKeys = maxKeys;
			this.maxPerKey = maxPerKey;
		}

		@Override
		public boolean add(byte[] key, KadPeer provider, Instant expiresAt) {
			ByteString wrapped = ByteString.copyFrom(key);
			LinkedHashMap<PeerId, Provider> known = this.providers.get(wrapped);
			if (known == null) {
				if (this.providers.size() >= this.maxKeys) {
					return false;
				}
				known = new LinkedHashMap<>();
				this.providers.put(wrapped, known);
			}
			known.remove(provider.id());
			if (known.size() >= this.maxPerKey) {
				known.remove(known.keySet().iterator().next());
			}
			known.put(provider.id(), new Provider(provider, expiresAt));
			return true;
		}

		@Override
		public List<KadPeer> get(byte[] key, Instant now) {
			LinkedHashMap<PeerId, Provider> known = this.providers.get(ByteString.copyFrom(key));
			if (known == null) {
				return List.of();
			}
			known.values().removeIf((provider) -> provider.expiresAt().isBefore(now));
			List<KadPeer> live = new ArrayList<>();
			known.values().forEach((provider) -> live.add(provider.peer()));
			return live;
		}

		@Override
		public void remove(byte[] key, PeerId provider) {
			ByteString wrapped = ByteString.copyFrom(key);
			LinkedHashMap<PeerId, Provider> known = this.providers.get(wrapped);
			if (known != null) {
				known.remove(provider);
				if (known.isEmpty()) {
					this.providers.remove(wrapped);
				}
			}
		}

		private record Provider(KadPeer peer, Instant expiresAt) {
		}

	}

}
