package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.AllowBlockGater;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.GatedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code libp2p.gater.*}: the built-in gater from the properties, invalid entries refused
 * with the property's name, and a {@link ConnectionGater} bean of the application's
 * joining it.
 */
class GaterAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner(String name) {
		return Libp2pRunners.runner(this.directory.resolve(name + ".key"), Libp2pAutoConfiguration.class);
	}

	@Test
	void buildsTheListsFromTheProperties() {
		runner("a")
			.withPropertyValues("libp2p.gater.allow-networks=10.0.0.0/8,fd00::/8",
					"libp2p.gater.deny-peers=12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")
			.run((context) -> {
				AllowBlockGater gater = context.getBean(AllowBlockGater.class);
				assertThat(gater.allowNetworks()).map(Object::toString).containsExactly("10.0.0.0/8", "fd00::/8");
				assertThat(gater.denyPeers())
					.containsExactly(PeerId.parse("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"));
			});
	}

	@Test
	void refusesEntriesThatDoNotParse() {
		runner("a").withPropertyValues("libp2p.gater.deny-networks=10.0.0.0/40")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.gater.deny-networks: '10.0.0.0/40'"));
		runner("a").withPropertyValues("libp2p.gater.allow-peers=someone")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.gater.allow-peers: 'someone'"));
	}

	@Test
	void anApplicationsGaterJoinsTheBuiltInOne() {
		runner("a").run((listener) -> runner("b").withBean(ConnectionGater.class, () -> new ConnectionGater() {

			@Override
			public boolean allowPeerDial(PeerId peer) {
				return false;
			}

		}).run((dialer) -> {
			assertThat(dialer).hasSingleBean(AllowBlockGater.class);
			Swarm target = listener.getBean(Swarm.class);
			assertThatThrownBy(() -> dialer.getBean(Swarm.class)
				.dial(target.listenAddresses().get(0).withPeerId(target.localPeer()))
				.join()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(GatedException.class);
		}));
	}

}
