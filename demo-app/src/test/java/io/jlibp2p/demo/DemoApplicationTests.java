package io.jlibp2p.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo application as a newcomer runs it: a node from the starter alone, which
 * another node dials, pings and identifies.
 */
class DemoApplicationTests {

	@TempDir
	Path directory;

	@Test
	void runsANodeThatOthersDialPingAndIdentify() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, "--server.port=0",
				"--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0",
				"--libp2p.identity.key-file=" + this.directory.resolve("identity.key"));
				Swarm client = Swarm.builder()
					.identity(Keys.generate(KeyType.ED25519))
					.behaviour(new Ping(new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60))))
					.behaviour(new Identify(IdentifyConfig.DEFAULT))
					.build()) {
			Swarm demo = context.getBean(Swarm.class);
			Connection connection = client.dial(demo.listenAddresses().get(0).withPeerId(demo.localPeer()))
				.get(10, TimeUnit.SECONDS);
			// the dialer's upgrade can finish before the listener has registered the
			// connection
			await().atMost(10, TimeUnit.SECONDS).until(() -> demo.connection(client.localPeer()).isPresent());
			assertThat(context.getBean(Ping.class).ping(client.localPeer()).get(10, TimeUnit.SECONDS)).isPositive();
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> client.peerStore().get(demo.localPeer()).map((info) -> info.agentVersion()).isPresent());
			assertThat(client.peerStore().get(demo.localPeer()).orElseThrow().agentVersion()).isEqualTo("jlibp2p");
			assertThat(connection.isOpen()).isTrue();
		}
	}

}
