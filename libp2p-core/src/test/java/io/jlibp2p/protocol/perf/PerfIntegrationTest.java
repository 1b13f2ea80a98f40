package io.jlibp2p.protocol.perf;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multistream.MultistreamException;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfIntegrationTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private Connection connect(Swarm client, Swarm server) {
		Multiaddr address = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
		return client.dial(address.withPeerId(server.localPeer())).join();
	}

	@Test
	void transfersTheRequestedBytesEachWay() throws Exception {
		Perf perf = new Perf(PerfConfig.DEFAULT);
		Swarm client = this.nodes.swarm(perf);
		Swarm server = this.nodes.swarm(new Perf(new PerfConfig(true, 1L << 30)));
		Connection connection = connect(client, server);
		long upload = 16L * 1024 * 1024 + 5;
		long download = 24L * 1024 * 1024 + 7;
		PerfResult result = perf.run(connection, upload, download).get(30, TimeUnit.SECONDS);
		assertThat(result.uploadBytes()).isEqualTo(upload);
		assertThat(result.downloadBytes()).isEqualTo(download);
		assertThat(result.totalTime()).isGreaterThan(result.uploadTime());
		assertThat(perf.run(connection, 0, 0).join().downloadBytes()).isZero();
	}

	@Test
	void refusesRequestsAboveTheServersLimit() {
		Perf perf = new Perf(PerfConfig.DEFAULT);
		Swarm client = this.nodes.swarm(perf);
		Swarm server = this.nodes.swarm(new Perf(new PerfConfig(true, 1024)));
		Connection connection = connect(client, server);
		assertThatThrownBy(() -> perf.run(connection, 0, 1025).join()).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(PerfException.class);
	}

	@Test
	void aPeerWithoutTheServerSaysSo() {
		Perf perf = new Perf(PerfConfig.DEFAULT);
		Swarm client = this.nodes.swarm(perf);
		Swarm server = this.nodes.swarm(new Perf(PerfConfig.DEFAULT));
		Connection connection = connect(client, server);
		assertThatThrownBy(() -> perf.run(connection, 1, 1).join()).hasCauseInstanceOf(MultistreamException.class)
			.hasMessageContaining("peer supports none of [/perf/1.0.0]");
		assertThat(connection.isOpen()).isTrue();
	}

}
