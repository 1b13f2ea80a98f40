package io.jlibp2p.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.security.pnet.PreSharedKey;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Private networks against js-libp2p's {@code @libp2p/pnet}: with the same swarm key file
 * the nodes connect, identify and ping in both dial directions; with another key neither
 * direction connects.
 */
class JsPnetInteropTest {

	@TempDir
	Path directory;

	private final Nodes nodes = new Nodes();

	private PeerProcess js;

	@AfterEach
	void close() throws Exception {
		if (this.js != null) {
			this.js.close();
		}
		this.nodes.close();
	}

	private PreSharedKey key(String file) throws Exception {
		byte[] bytes = new byte[PreSharedKey.LENGTH];
		new SecureRandom().nextBytes(bytes);
		PreSharedKey key = PreSharedKey.of(bytes);
		Files.writeString(this.directory.resolve(file), key.toFileContent());
		return key;
	}

	private Swarm swarm(PreSharedKey key, Ping ping) {
		return this.nodes.swarm((builder) -> builder.privateNetwork(key)
			.behaviour(ping)
			.behaviour(new Identify(IdentifyConfig.DEFAULT)));
	}

	@Test
	void javaDialsJsInTheSameNetwork() throws Exception {
		PreSharedKey key = key("swarm.key");
		this.js = PeerProcess.js("--psk", this.directory.resolve("swarm.key").toString());
		JsonNode listening = this.js.await("listening");
		Ping ping = new Ping(PingConfig.DEFAULT);
		Swarm swarm = swarm(key, ping);
		Connection connection = swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString())).join();
		assertThat(connection.remotePeer()).isEqualTo(PeerId.parse(listening.path("peerId").asString()));
		assertThat(ping.ping(connection).join()).isPositive();
		JsonNode identified = this.js.await("identified",
				(event) -> event.path("peerId").asString().equals(swarm.localPeer().toString()),
				Duration.ofSeconds(15));
		assertThat(identified.path("agentVersion").asString()).isEqualTo("jlibp2p");
	}

	@Test
	void jsDialsJavaInTheSameNetwork() throws Exception {
		PreSharedKey key = key("swarm.key");
		Swarm swarm = swarm(key, new Ping(PingConfig.DEFAULT));
		Multiaddr address = swarm.listen(Nodes.LOOPBACK_TCP).join().withPeerId(swarm.localPeer());
		this.js = PeerProcess.js("--psk", this.directory.resolve("swarm.key").toString(), "--dial", address.toString(),
				"--pings", "3");
		JsonNode pinged = this.js.await("pinged", (event) -> true, Duration.ofSeconds(20));
		assertThat(pinged.path("rtts").size()).isEqualTo(3);
	}

	@Test
	void anotherKeyConnectsNeitherWay() throws Exception {
		key("js.key");
		PreSharedKey javaKey = key("java.key");
		this.js = PeerProcess.js("--psk", this.directory.resolve("js.key").toString());
		JsonNode listening = this.js.await("listening");
		Swarm swarm = swarm(javaKey, new Ping(PingConfig.DEFAULT));
		assertThatThrownBy(() -> swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString())).join())
			.isInstanceOf(CompletionException.class);
		this.js.close();

		Multiaddr address = swarm.listen(Nodes.LOOPBACK_TCP).join().withPeerId(swarm.localPeer());
		this.js = PeerProcess.js("--psk", this.directory.resolve("js.key").toString(), "--dial", address.toString(),
				"--pings", "1");
		JsonNode failed = this.js.await("error", (event) -> true, Duration.ofSeconds(20));
		assertThat(failed.path("message").asString()).isNotEmpty();
		assertThat(swarm.connections()).isEmpty();
	}

}
