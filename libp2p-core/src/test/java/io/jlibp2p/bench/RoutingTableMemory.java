package io.jlibp2p.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.kad.RoutingTable;

/**
 * Heap retained per routing-table entry: fills {@code tables} tables (k 20) by offering
 * each random Ed25519 peers with two addresses (an IPv4 TCP address and its QUIC twin, as
 * IPFS peers announce) until {@code entries} entries are held in all, then compares the
 * heap after full collections with the heap of as many empty tables. Prints one JSON
 * line.
 *
 * <pre>
 * java -cp … io.jlibp2p.bench.RoutingTableMemory [tables] [entries]
 * </pre>
 */
public final class RoutingTableMemory {

	private RoutingTableMemory() {
	}

	public static void main(String[] args) {
		int tableCount = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int wanted = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		Random random = new Random(7);
		long base = usedHeap();
		List<RoutingTable> tables = new ArrayList<>();
		for (int i = 0; i < tableCount; i++) {
			tables.add(new RoutingTable(peer(), 20, 2));
		}
		long empty = usedHeap();
		int held = 0;
		Instant now = Instant.now();
		while (held < wanted) {
			PeerId peer = peer();
			String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
			List<Multiaddr> addresses = List.of(Multiaddr.parse("/ip4/" + ip + "/tcp/4001"),
					Multiaddr.parse("/ip4/" + ip + "/udp/4001/quic-v1"));
			RoutingTable table = tables.get(random.nextInt(tableCount));
			if (table.offer(peer, addresses, addresses.get(0), now).outcome() == RoutingTable.Outcome.ADDED) {
				held++;
			}
		}
		long full = usedHeap();
		// read after measuring, so the tables are still reachable when measured
		int entries = tables.stream().mapToInt(RoutingTable::size).sum();
		System.out.printf(Locale.ROOT, "{\"tables\":%d,\"entries\":%d,\"bytesPerEntry\":%d,\"emptyTableBytes\":%d}%n",
				tableCount, entries, (full - empty) / entries, (empty - base) / tableCount);
	}

	private static PeerId peer() {
		return PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());
	}

	private static long usedHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 5; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
