package io.jlibp2p.protocol.identify;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.tcp.TcpTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdentifyIntegrationTest {

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void bothSidesIdentifyEachOtherAndFillThePeerStore() {
		Identify dialerIdentify = new Identify(IdentifyConfig.DEFAULT);
		List<IdentifyEvent> dialerEvents = new CopyOnWriteArrayList<>();
		dialerIdentify.addListener(dialerEvents::add);
		Identify listenerIdentify = new Identify(new IdentifyConfig("listener/1.0", "ipfs/0.1.0",
				IdentifyConfig.DEFAULT.timeout(), true, IdentifyConfig.DEFAULT.addressTtl()));
		List<IdentifyEvent> listenerEvents = new CopyOnWriteArrayList<>();
		listenerIdentify.addListener(listenerEvents::add);
		Swarm dialer = this.nodes.swarm(dialerIdentify, new Ping(PingConfig.DEFAULT));
		Swarm listener = this.nodes.swarm(listenerIdentify, new Ping(PingConfig.DEFAULT));
		Multiaddr bound = listener.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();

		Connection connection = dialer.dial(bound.withPeerId(listener.localPeer())).join();

		await().atMost(10, TimeUnit.SECONDS).until(() -> !dialerEvents.isEmpty() && !listenerEvents.isEmpty());
		IdentifyInfo aboutListener = dialerEvents.get(0).info();
		assertThat(aboutListener.agentVersion()).isEqualTo("listener/1.0");
		assertThat(aboutListener.protocolVersion()).isEqualTo("ipfs/0.1.0");
		assertThat(aboutListener.protocols()).contains(Identify.ID, Identify.PUSH_ID, "/ipfs/ping/1.0.0");
		assertThat(aboutListener.listenAddresses()).containsExactly(bound);
		assertThat(aboutListener.signedPeerRecord()).isNotNull();
		assertThat(aboutListener.signedPeerRecord().record().peerId()).isEqualTo(listener.localPeer());
		assertThat(aboutListener.observedAddress())
			.isEqualTo(TcpTransport.multiaddr((InetSocketAddress) connection.channel().localAddress()));
		assertThat(dialer.peerStore().get(listener.localPeer()).orElseThrow().agentVersion()).isEqualTo("listener/1.0");
		assertThat(dialer.peerStore().get(listener.localPeer()).orElseThrow().protocols()).contains(Identify.ID);
		assertThat(listenerEvents.get(0).info().agentVersion()).isEqualTo("jlibp2p");
		assertThat(listenerEvents.get(0).peer()).isEqualTo(dialer.localPeer());
	}

	@Test
	void pushesNewProtocolsToConnectedPeers() {
		Identify dialerIdentify = new Identify(IdentifyConfig.DEFAULT);
		List<IdentifyEvent> dialerEvents = new CopyOnWriteArrayList<>();
		dialerIdentify.addListener(dialerEvents::add);
		Swarm dialer = this.nodes.swarm(dialerIdentify, new Ping(PingConfig.DEFAULT));
		Swarm listener = this.nodes.swarm(new Identify(IdentifyConfig.DEFAULT), new Ping(PingConfig.DEFAULT));
		Multiaddr bound = listener.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
		dialer.dial(bound.withPeerId(listener.localPeer())).join();
		await().atMost(10, TimeUnit.SECONDS).until(() -> !dialerEvents.isEmpty());

		listener.handle("/jlibp2p/test/1.0.0", (connection, stream) -> stream.close());

		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> dialerEvents.stream()
				.anyMatch((event) -> event.pushed() && event.info().protocols().contains("/jlibp2p/test/1.0.0")));
		assertThat(dialer.peerStore().get(listener.localPeer()).orElseThrow().protocols())
			.contains("/jlibp2p/test/1.0.0");
	}

}
