package io.jlibp2p.spring.autoconfigure.json;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Cid;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Multicodec;
import io.jlibp2p.multiformats.Multihash;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.PubsubMessage;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pRunners;
import io.jlibp2p.spring.autoconfigure.PeerBlockedEvent;
import io.jlibp2p.spring.autoconfigure.PeerConnectedEvent;
import io.jlibp2p.spring.autoconfigure.PeerDisconnectedEvent;
import io.jlibp2p.spring.autoconfigure.SwarmStartedEvent;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubMessageEvent;
import io.jlibp2p.spring.autoconfigure.view.ConnectionView;
import io.jlibp2p.spring.autoconfigure.view.TopicView;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Boot's mapper, and a plain one that finds modules, write every public event and view
 * type with ids and addresses as text and never as {@code {}}, and read the values back.
 */
class Libp2pJacksonModuleTests {

	@TempDir
	Path directory;

	private final PeerId peer = PeerId.fromPublicKey(Keys.generate(KeyType.ED25519).publicKey());

	private final Multiaddr address = Multiaddr.parse("/ip4/192.0.2.7/tcp/4001");

	@Test
	void bootsMapperWritesEveryEventAndViewWithTextIds() {
		Libp2pRunners
			.runner(this.directory.resolve("node.key"), JacksonAutoConfiguration.class, Libp2pAutoConfiguration.class)
			.run((context) -> {
				JsonMapper json = context.getBean(JsonMapper.class);
				Swarm node = context.getBean(Swarm.class);
				try (Swarm other = Swarm.builder().identity(Keys.generate(KeyType.ED25519)).build()) {
					Connection connection = other.dial(node.listenAddresses().get(0).withPeerId(node.localPeer()))
						.join();
					assertWrittenAsText(json, connection);
				}
			});
	}

	@Test
	void aPlainMapperFindsTheModule() {
		JsonMapper json = JsonMapper.builder().findAndAddModules().build();
		assertThat(json.writeValueAsString(this.peer)).isEqualTo('"' + this.peer.toString() + '"');
	}

	@Test
	void readsTheTextFormsBackAndRefusesWhatIsNot() {
		JsonMapper json = JsonMapper.builder().addModule(new Libp2pJacksonModule()).build();
		MessageId id = MessageId.of(new byte[] { 1, 2, 3, (byte) 0xff });
		Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] { 7 }));
		Values values = new Values(this.peer, this.address, id, cid);
		assertThat(json.readValue(json.writeValueAsString(values), Values.class)).isEqualTo(values);
		assertThatThrownBy(() -> json.readValue("\"not a peer\"", PeerId.class)).isInstanceOf(DatabindException.class)
			.hasMessageContaining("not a peer");
	}

	private void assertWrittenAsText(JsonMapper json, Connection connection) {
		PubsubMessage message = new PubsubMessage(MessageId.of(new byte[] { 9, 9 }), "orders", new byte[] { 1 },
				this.peer, 1L, this.peer, Instant.EPOCH);
		List<Object> values = List.of(new PubsubMessageEvent(message), new PeerConnectedEvent(this.peer, connection),
				new PeerDisconnectedEvent(this.peer, connection, new CloseReason(CloseReason.Cause.IDLE, "idle")),
				new PeerBlockedEvent(this.peer, true), new SwarmStartedEvent(this.peer, List.of(this.address)),
				ConnectionView.of(connection), new TopicView("orders", true, List.of(), List.of()), connection);
		for (Object value : values) {
			String text = json.writeValueAsString(value);
			assertThat(text).as(value.getClass().getSimpleName()).doesNotContain("{}");
		}
		Map<?, ?> event = (Map<?, ?>) json
			.readValue(json.writeValueAsString(new PubsubMessageEvent(message)), Map.class)
			.get("message");
		assertThat(event.get("from")).isEqualTo(this.peer.toString());
		assertThat(event.get("id")).isEqualTo(message.id().toString());
		Map<?, ?> connected = json.readValue(json.writeValueAsString(new PeerConnectedEvent(this.peer, connection)),
				Map.class);
		assertThat(connected.get("peer")).isEqualTo(this.peer.toString());
		assertThat(((Map<?, ?>) connected.get("connection")).get("peerId"))
			.isEqualTo(connection.remotePeer().toString());
	}

	record Values(PeerId peer, Multiaddr address, MessageId id, Cid cid) {
	}

}
