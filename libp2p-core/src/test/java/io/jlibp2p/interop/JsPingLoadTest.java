package io.jlibp2p.interop;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * js-libp2p pings a Java node 1 000 times in a row, a new stream each time as js does,
 * and allows itself one outbound ping stream: every ping succeeds only if the Java side
 * finishes each stream before js opens the next.
 */
class JsPingLoadTest {

	private final Nodes nodes = new Nodes();

	private PeerProcess js;

	@AfterEach
	void close() throws Exception {
		if (this.js != null) {
			this.js.close();
		}
		this.nodes.close();
	}

	@Test
	void aThousandJsPingsInARow() throws Exception {
		Swarm swarm = this.nodes.swarm(new Ping(PingConfig.DEFAULT));
		Multiaddr address = swarm.listen(Nodes.LOOPBACK_TCP).join().withPeerId(swarm.localPeer());
		this.js = PeerProcess.js("--dial", address.toString(), "--pings", "1000");
		JsonNode result = this.js.awaitAny(Duration.ofSeconds(120), "pinged", "error");
		assertThat(result.path("event").asString()).as("%s", result).isEqualTo("pinged");
		assertThat(result.path("rtts").size()).isEqualTo(1000);
	}

}
