package io.jlibp2p.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.security.pnet.PreSharedKey;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code libp2p.pnet.*}: a node joins the private network of its key file or key,
 * connects only to nodes with the same key, says so in Actuator without the key, and
 * refuses key files others can read and malformed keys.
 */
class PrivateNetworkAutoConfigurationTests {

	@TempDir
	Path directory;

	private final PreSharedKey key = randomKey();

	private static PreSharedKey randomKey() {
		byte[] bytes = new byte[PreSharedKey.LENGTH];
		new SecureRandom().nextBytes(bytes);
		return PreSharedKey.of(bytes);
	}

	private ApplicationContextRunner runner(String name) {
		return Libp2pRunners.runner(this.directory.resolve(name + ".key"), Libp2pAutoConfiguration.class);
	}

	private Path keyFile(String permissions) throws Exception {
		Path file = this.directory.resolve("swarm-" + permissions + ".key");
		Files.writeString(file, this.key.toFileContent());
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
		return file;
	}

	@Test
	void nodesOfOneNetworkConnectAndOthersDoNot() throws Exception {
		String keyFile = "libp2p.pnet.key-file=" + keyFile("rw-------");
		runner("a").withPropertyValues(keyFile).run((a) -> {
			Swarm listener = a.getBean(Swarm.class);
			assertThat(listener.isPrivateNetwork()).isTrue();
			assertThat(new Libp2pEndpoint(listener, null, null).node().privateNetwork()).isTrue();
			String address = listener.listenAddresses().get(0).withPeerId(listener.localPeer()).toString();
			runner("b").withPropertyValues("libp2p.pnet.key=" + this.key.toFileContent())
				.run((b) -> assertThat(b.getBean(Swarm.class).dial(Multiaddr.parse(address)).join().remotePeer())
					.isEqualTo(listener.localPeer()));
			runner("c").run((c) -> {
				assertThat(c.getBean(Swarm.class).isPrivateNetwork()).isFalse();
				assertThatThrownBy(() -> c.getBean(Swarm.class).dial(Multiaddr.parse(address)).join())
					.isInstanceOf(CompletionException.class);
			});
		});
	}

	@Test
	void refusesAKeyFileOthersCanRead() throws Exception {
		runner("a").withPropertyValues("libp2p.pnet.key-file=" + keyFile("rw-r--r--"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.pnet.key-file")
				.hasMessageContaining("group or others"));
	}

	@Test
	void refusesAMalformedKeyWithoutShowingIt() {
		String secret = "/key/swarm/psk/1.0.0/\n/base16/\nabcdef0123";
		runner("a").withPropertyValues("libp2p.pnet.key=" + secret)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("libp2p.pnet.key is not a swarm key")
				.hasMessageNotContaining("abcdef0123"));
	}

	@Test
	void refusesBothAKeyFileAndAKey() throws Exception {
		runner("a").withPropertyValues("libp2p.pnet.key-file=" + keyFile("rw-------"), "libp2p.pnet.key=x")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("set one"));
	}

}
