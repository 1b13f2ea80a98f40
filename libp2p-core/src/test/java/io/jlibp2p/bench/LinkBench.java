package io.jlibp2p.bench;

import java.util.Arrays;
import java.util.Locale;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfConfig;
import io.jlibp2p.protocol.perf.PerfResult;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

/**
 * What one link costs: the perf protocol's throughput each way on one stream and new
 * connections a second (dial, TCP + Noise + yamux, then close, one after the other), two
 * nodes in this JVM on loopback. For comparing two builds of jlibp2p on one machine
 * ({@code src/bench/compare.sh}), not for comparing with other implementations, which
 * runs one process per node (perf-matrix.mjs). Prints one JSON line.
 *
 * <pre>
 * java -cp … io.jlibp2p.bench.LinkBench [mebibytes] [dials]
 * </pre>
 */
public final class LinkBench {

	private LinkBench() {
	}

	public static void main(String[] args) {
		long bytes = ((args.length > 0) ? Long.parseLong(args[0]) : 256) << 20;
		int dials = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		Perf perf = new Perf(PerfConfig.DEFAULT);
		try (Swarm server = node(new Perf(new PerfConfig(true, bytes))); Swarm client = node(perf)) {
			server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
			Multiaddr address = server.listenAddresses().get(0).withPeerId(server.localPeer());
			Connection connection = client.dial(address).join();
			// the first run warms the JIT; the second is measured
			perf.run(connection, bytes, bytes).join();
			PerfResult result = perf.run(connection, bytes, bytes).join();
			client.disconnect(server.localPeer()).join();
			long[] dialNanos = new long[dials];
			long started = System.nanoTime();
			for (int i = 0; i < dials; i++) {
				long dialStarted = System.nanoTime();
				client.dial(address).join();
				dialNanos[i] = System.nanoTime() - dialStarted;
				client.disconnect(server.localPeer()).join();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			Arrays.sort(dialNanos);
			System.out.printf(Locale.ROOT,
					"{\"runtime\":\"Java %s\",\"uploadMbps\":%.0f,\"downloadMbps\":%.0f,\"connectionsPerSecond\":%.0f,"
							+ "\"dialP50Ms\":%.2f}%n",
					Runtime.version(), result.uploadBitsPerSecond() / 1e6, result.downloadBitsPerSecond() / 1e6,
					dials / seconds, dialNanos[dials / 2] / 1e6);
		}
	}

	private static Swarm node(Perf perf) {
		return Swarm.builder().identity(Keys.generate(KeyType.ED25519)).behaviour(perf).build();
	}

}
