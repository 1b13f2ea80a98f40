package io.jlibp2p.interop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jlibp2p's mDNS against js-libp2p's {@code @libp2p/mdns} 12, both as processes in a
 * network namespace of their own whose only interface is loopback: js sends its queries
 * on every interface it finds, and inside the namespace that is loopback alone, so
 * nothing reaches the machine's network. Each discovers the other with its TCP address.
 * Creating the namespace needs root and iproute2; without them the test is skipped, in CI
 * it fails.
 */
class JsMdnsInteropTest {

	private final String namespace = "jlibp2p-mdns-" + ThreadLocalRandom.current().nextInt(1_000_000);

	private final List<PeerProcess> peers = new ArrayList<>();

	@BeforeEach
	void createNamespace() throws Exception {
		if (!run("ip", "netns", "add", this.namespace)) {
			String message = "cannot create a network namespace (needs root and iproute2)";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		assertThat(run("ip", "-n", this.namespace, "link", "set", "lo", "up")).isTrue();
	}

	@AfterEach
	void deleteNamespace() throws Exception {
		for (PeerProcess peer : this.peers) {
			peer.close();
		}
		run("ip", "netns", "delete", this.namespace);
	}

	private static boolean run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
	}

	@Test
	void javaAndJsDiscoverEachOther() throws Exception {
		List<String> inNamespace = List.of("ip", "netns", "exec", this.namespace);
		String port = Integer.toString(ThreadLocalRandom.current().nextInt(20_000, 60_000));
		PeerProcess js = PeerProcess.jsIn(inNamespace, "--mdns", port);
		this.peers.add(js);
		PeerProcess java = PeerProcess.javaIn(inNamespace, "--mdns", port);
		this.peers.add(java);
		JsonNode jsListening = js.await("listening");
		JsonNode javaListening = java.await("listening");
		String jsPeer = jsListening.path("peerId").asString();
		String javaPeer = javaListening.path("peerId").asString();

		JsonNode foundByJava = java.await("discovered", (event) -> event.path("peerId").asString().equals(jsPeer),
				Duration.ofSeconds(20));
		assertThat(foundByJava.path("addresses").toString()).contains(jsListening.path("addresses").get(0).asString());
		JsonNode foundByJs = js.await("discovered", (event) -> event.path("peerId").asString().equals(javaPeer),
				Duration.ofSeconds(20));
		String javaAddress = javaListening.path("addresses").get(0).asString();
		assertThat(foundByJs.path("addresses").toString())
			.contains(javaAddress.substring(0, javaAddress.indexOf("/p2p/")));
	}

}
