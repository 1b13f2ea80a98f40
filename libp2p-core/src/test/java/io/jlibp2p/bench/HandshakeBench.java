package io.jlibp2p.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

/**
 * A warm connection setup: in one JVM, long past JIT warm-up, one swarm dials another and
 * the connection is closed again; each operation is a full upgrade (multistream-select,
 * Noise XX with the signed handshake payload, multistream-select, yamux) over loopback
 * TCP or the in-memory transport, which leaves out the kernel.
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main HandshakeBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandshakeBench {

	@Param({ "tcp", "memory" })
	public String transport;

	private Swarm dialer;

	private Swarm listener;

	private Multiaddr address;

	@Setup
	public void setUp() {
		this.dialer = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build();
		this.listener = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build();
		String listen = this.transport.equals("tcp") ? "/ip4/127.0.0.1/tcp/0" : "/memory/0";
		// without /p2p/: every dial makes a new connection instead of reusing the open
		// one
		this.address = this.listener.listen(Multiaddr.parse(listen)).join();
	}

	@TearDown
	public void tearDown() {
		this.dialer.close(Duration.ofSeconds(2));
		this.listener.close(Duration.ofSeconds(2));
	}

	@Benchmark
	public Connection connectAndClose() {
		Connection connection = this.dialer.dial(this.address).join();
		this.dialer.disconnect(connection.remotePeer()).join();
		return connection;
	}

}
