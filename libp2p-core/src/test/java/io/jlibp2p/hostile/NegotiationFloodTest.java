package io.jlibp2p.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.security.noise.ForgedNoiseInitiator;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.AttackWatch;
import io.jlibp2p.testing.Nodes;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.NetworkMetrics.UpgradeFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks before and during authentication, on raw TCP: proposals to multistream-select
 * forever without reading the answers, a flood of zero bytes, a length prefix that claims
 * four gigabytes, and Noise handshakes whose identity another key signed. Each is cut off
 * at once while an honest peer keeps pinging.
 */
class NegotiationFloodTest {

	private static final long MEMORY_BOUND = 16L << 20;

	private static final PingConfig ON_REQUEST = new PingConfig(null, Duration.ofSeconds(5), Duration.ofSeconds(60));

	private final Nodes nodes = new Nodes();

	private final Swarm target = this.nodes.listening(new Ping(ON_REQUEST));

	@AfterEach
	void close() {
		this.nodes.close();
	}

	@Test
	void aDialerProposingForeverWithoutReadingIsCutOff() throws Exception {
		ByteArrayOutputStream flood = new ByteArrayOutputStream();
		flood.writeBytes(message("/multistream/1.0.0"));
		for (int i = 0; i < 100_000; i++) {
			flood.writeBytes(message("/unknown/" + i));
		}
		assertCutOff(flood.toByteArray());
	}

	@Test
	void aFloodOfZeroBytesIsCutOff() throws Exception {
		assertCutOff(new byte[8 << 20]);
	}

	@Test
	void aLengthPrefixOfFourGigabytesIsRefusedBeforeAnythingIsAllocated() throws Exception {
		byte[] bomb = { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2, 3 };
		assertCutOff(bomb);
	}

	@Test
	void noiseHandshakesSignedByAnotherKeyAreRefused() throws Exception {
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(this.target)).join();
		PrivateKey claimed = Keys.generate(KeyType.ED25519);
		PrivateKey signer = Keys.generate(KeyType.ED25519);
		long refusedBefore = this.target.metrics().upgradeFailures(UpgradeFailure.HANDSHAKE);
		int attempts = 100;
		try (AttackWatch watch = new AttackWatch(ping, honest)) {
			for (int i = 0; i < attempts; i++) {
				try (Socket attacker = new Socket("127.0.0.1", port())) {
					attacker.setSoTimeout(10_000);
					DataInputStream in = new DataInputStream(attacker.getInputStream());
					DataOutputStream out = new DataOutputStream(attacker.getOutputStream());
					out.write(message("/multistream/1.0.0"));
					out.write(message("/noise"));
					assertThat(readMessage(in)).isEqualTo("/multistream/1.0.0");
					assertThat(readMessage(in)).isEqualTo("/noise");
					ForgedNoiseInitiator forger = new ForgedNoiseInitiator();
					writeNoiseFrame(out, forger.firstMessage());
					forger.readSecondMessage(in.readNBytes(in.readUnsignedShort()));
					writeNoiseFrame(out, forger.thirdMessage(claimed.publicKey(), signer));
					assertThat(readUntilClosed(in)).as("bytes answered to the forged identity").isZero();
				}
			}
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(this.target.metrics().upgradeFailures(UpgradeFailure.HANDSHAKE) - refusedBefore).isEqualTo(attempts);
		assertThat(this.target.connection(PeerId.fromPublicKey(claimed.publicKey()))).isEmpty();
		assertThat(honest.isOpen()).isTrue();
	}

	private void assertCutOff(byte[] attack) throws Exception {
		Ping ping = new Ping(ON_REQUEST);
		Connection honest = this.nodes.swarm(ping).dial(Nodes.dialable(this.target)).join();
		long refusedBefore = negotiationFailures();
		try (AttackWatch watch = new AttackWatch(ping, honest); Socket attacker = new Socket("127.0.0.1", port())) {
			attacker.setSoTimeout(10_000);
			long written = writeUntilRefused(attacker.getOutputStream(), attack);
			assertThat(readUntilClosed(attacker.getInputStream())).as("bytes the attacker was answered")
				.isLessThan(64 * 1024);
			assertThat(written).as("bytes the node took before closing").isLessThanOrEqualTo(attack.length);
			watch.assertHonestPeerUnharmed(MEMORY_BOUND);
		}
		assertThat(negotiationFailures()).isGreaterThan(refusedBefore);
		assertThat(honest.isOpen()).isTrue();
	}

	private long negotiationFailures() {
		return this.target.metrics().upgradeFailures(UpgradeFailure.NEGOTIATION);
	}

	/** Writes the attack in pieces until the node closes the connection. */
	private static long writeUntilRefused(OutputStream out, byte[] attack) {
		long written = 0;
		try {
			for (int offset = 0; offset < attack.length; offset += 8192) {
				int length = Math.min(8192, attack.length - offset);
				out.write(attack, offset, length);
				written += length;
			}
			out.flush();
		}
		catch (IOException closed) {
			// the node closed the connection: the attack is over
		}
		return written;
	}

	/**
	 * Reads what the node answered until it closes the connection; a reset ends it too.
	 */
	private static long readUntilClosed(InputStream in) throws IOException {
		long read = 0;
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				read += n;
			}
		}
		catch (SocketException reset) {
			// closed with unread data in its buffer
		}
		return read;
	}

	private int port() {
		return Integer.parseInt(this.target.listenAddresses().get(0).valueOf(Protocol.TCP).orElseThrow());
	}

	/** Reads one multistream message of fewer than 128 bytes. */
	private static String readMessage(DataInputStream in) throws IOException {
		byte[] line = in.readNBytes(in.readUnsignedByte());
		return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
	}

	private static void writeNoiseFrame(DataOutputStream out, byte[] message) throws IOException {
		out.writeShort(message.length);
		out.write(message);
		out.flush();
	}

	private static byte[] message(String text) {
		byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int length = line.length;
		while (length >= 0x80) {
			out.write((length & 0x7f) | 0x80);
			length >>>= 7;
		}
		out.write(length);
		out.writeBytes(line);
		return out.toByteArray();
	}

}
