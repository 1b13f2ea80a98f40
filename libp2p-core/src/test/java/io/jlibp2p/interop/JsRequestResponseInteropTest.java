package io.jlibp2p.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.protocol.reqresp.RequestResponseConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request-response with js-libp2p 3.3 writing the frames by hand on a raw stream: js
 * calls a jlibp2p handler and answers a jlibp2p request, byte for byte.
 */
class JsRequestResponseInteropTest {

	private static final String JAVA_ECHO = "/jlibp2p-interop/java-echo/1.0.0";

	private static final String JS_ECHO = "/jlibp2p-interop/echo/1.0.0";

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
	void jsCallsAJavaHandlerAndAnswersAJavaRequest() throws Exception {
		RequestResponse requestResponse = new RequestResponse(RequestResponseConfig.DEFAULT);
		requestResponse.serve(JAVA_ECHO, (peer, request) -> CompletableFuture
			.completedFuture(("java:" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
		Swarm swarm = this.nodes.listening(requestResponse);
		this.js = PeerProcess.js();
		JsonNode listening = this.js.await("listening");
		PeerId jsPeer = PeerId.parse(listening.path("peerId").asString());
		swarm.dial(Multiaddr.parse(listening.path("addresses").get(0).asString())).get(10, TimeUnit.SECONDS);

		// jlibp2p asks js
		byte[] answer = requestResponse.request(jsPeer, JS_ECHO, "from java".getBytes(StandardCharsets.UTF_8))
			.get(10, TimeUnit.SECONDS);
		assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("js:from java");

		// js asks jlibp2p, twice, the second request larger than one yamux frame
		String large = "x".repeat(100_000);
		for (String request : new String[] { "from js", large }) {
			this.js.send("{\"request\":\"" + swarm.localPeer() + "\",\"protocol\":\"" + JAVA_ECHO + "\",\"data\":\""
					+ Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.UTF_8)) + "\"}");
			String expected = Base64.getEncoder().encodeToString(("java:" + request).getBytes(StandardCharsets.UTF_8));
			JsonNode response = this.js.awaitAny(Duration.ofSeconds(10), "response", "error");
			assertThat(response.path("event").asString()).as("%s", response).isEqualTo("response");
			this.js.await("response", (event) -> event.path("data").asString().equals(expected),
					Duration.ofSeconds(10));
		}
	}

}
