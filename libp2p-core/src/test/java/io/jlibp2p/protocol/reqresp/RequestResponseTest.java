package io.jlibp2p.protocol.reqresp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.reqresp.RequestResponseException.Reason;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Direction;
import io.jlibp2p.protocol.reqresp.RequestResponseMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Request-response between two nodes over real TCP: answered requests, and each way a
 * request can fail, seen from both ends with its own reason and count.
 */
class RequestResponseTest {

	private static final String ECHO = "/test/echo/1.0.0";

	private static final RequestResponseConfig SMALL = new RequestResponseConfig(Duration.ofMillis(500), 64, 64, 1, 1);

	private final Nodes nodes = new Nodes();

	@AfterEach
	void close() {
		this.nodes.close();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static RequestHandler upperCase() {
		return (peer, request) -> CompletableFuture
			.completedFuture(new String(request, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes());
	}

	/** A server serving {@link #ECHO} with the given handler and limits, and a client. */
	private Pair pair(RequestHandler handler, RequestResponseConfig serverConfig, RequestResponseConfig clientConfig) {
		RequestResponse server = new RequestResponse(serverConfig);
		server.serve(ECHO, handler);
		Swarm serverNode = this.nodes.listening(server);
		RequestResponse client = new RequestResponse(clientConfig);
		this.nodes.swarm(client).dial(Nodes.dialable(serverNode)).join();
		return new Pair(server, client, serverNode.localPeer());
	}

	private static Reason failure(CompletableFuture<byte[]> response) {
		Throwable thrown = catchThrowable(response::join);
		assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(RequestResponseException.class);
		return ((RequestResponseException) thrown.getCause()).reason();
	}

	@Test
	void aRequestIsAnsweredAndCountedOnBothSides() {
		Pair pair = pair(upperCase(), RequestResponseConfig.DEFAULT, RequestResponseConfig.DEFAULT);
		for (int i = 0; i < 3; i++) {
			assertThat(pair.client().request(pair.serverPeer(), ECHO, bytes("hello " + i)).join())
				.isEqualTo(bytes("HELLO " + i));
		}
		assertThat(pair.client().metrics().count(ECHO, Direction.OUTBOUND, Outcome.SUCCESS)).isEqualTo(3);
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.SUCCESS) == 3);
	}

	@Test
	void aProtocolThePeerDoesNotServeIsUnsupported() {
		Pair pair = pair(upperCase(), RequestResponseConfig.DEFAULT, RequestResponseConfig.DEFAULT);
		assertThat(failure(pair.client().request(pair.serverPeer(), "/test/other/1.0.0", bytes("?"))))
			.isEqualTo(Reason.UNSUPPORTED_PROTOCOL);
		pair.server().stopServing(ECHO);
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, bytes("?"))))
			.isEqualTo(Reason.UNSUPPORTED_PROTOCOL);
		pair.server().serve(ECHO, upperCase());
		assertThat(pair.client().request(pair.serverPeer(), ECHO, bytes("back")).join()).isEqualTo(bytes("BACK"));
	}

	@Test
	void aHandlerThatNeverAnswersTimesOutOnEitherSide() {
		RequestResponseConfig patient = new RequestResponseConfig(Duration.ofSeconds(30), 64, 64, 4, 4);
		// the requester's timeout comes first: it gives up and resets the stream
		Pair impatientClient = pair((peer, request) -> new CompletableFuture<>(), patient, SMALL);
		assertThat(failure(impatientClient.client().request(impatientClient.serverPeer(), ECHO, bytes("wait"))))
			.isEqualTo(Reason.TIMEOUT);
		assertThat(impatientClient.client().metrics().count(ECHO, Direction.OUTBOUND, Outcome.TIMEOUT)).isEqualTo(1);
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> impatientClient.server()
				.metrics()
				.count(ECHO, Direction.INBOUND, Outcome.REMOTE_FAILURE) == 1);
		// the server's comes first: it resets the stream
		Pair impatientServer = pair((peer, request) -> new CompletableFuture<>(), SMALL, patient);
		assertThat(failure(impatientServer.client().request(impatientServer.serverPeer(), ECHO, bytes("wait"))))
			.isEqualTo(Reason.REMOTE_FAILURE);
		assertThat(impatientServer.server().metrics().count(ECHO, Direction.INBOUND, Outcome.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void oversizedRequestsAndResponsesAreRefused() {
		RequestResponseConfig roomy = new RequestResponseConfig(Duration.ofSeconds(5), 1024, 1024, 4, 4);
		Pair pair = pair((peer, request) -> CompletableFuture.completedFuture(new byte[request.length * 2]), SMALL,
				roomy);
		// over the client's own limit: nothing is sent
		Pair strict = pair(upperCase(), roomy, SMALL);
		assertThat(failure(strict.client().request(strict.serverPeer(), ECHO, new byte[65])))
			.isEqualTo(Reason.REQUEST_TOO_LARGE);
		// over the server's limit: it resets the stream
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, new byte[100])))
			.isEqualTo(Reason.REMOTE_FAILURE);
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.REQUEST_TOO_LARGE) == 1);
		// a response over the server's limit is not sent
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, new byte[40])))
			.isEqualTo(Reason.REMOTE_FAILURE);
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.RESPONSE_TOO_LARGE) == 1);
		// a response over the client's limit is not read
		Pair generous = pair((peer, request) -> CompletableFuture.completedFuture(new byte[100]), roomy, SMALL);
		assertThat(failure(generous.client().request(generous.serverPeer(), ECHO, bytes("big?"))))
			.isEqualTo(Reason.RESPONSE_TOO_LARGE);
	}

	@Test
	void aFailingHandlerResetsTheStreamAndIsCountedByKind() {
		Pair pair = pair((peer, request) -> {
			if (request[0] == 'u') {
				throw new UnreadableRequestException("not a request", new IllegalArgumentException());
			}
			return CompletableFuture.failedFuture(new IllegalStateException("the handler broke"));
		}, RequestResponseConfig.DEFAULT, RequestResponseConfig.DEFAULT);
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, bytes("unreadable"))))
			.isEqualTo(Reason.REMOTE_FAILURE);
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, bytes("fail"))))
			.isEqualTo(Reason.REMOTE_FAILURE);
		await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
			assertThat(pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.UNREADABLE)).isEqualTo(1);
			assertThat(pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.HANDLER_FAILURE)).isEqualTo(1);
		});
		assertThat(pair.client().metrics().count(ECHO, Direction.OUTBOUND, Outcome.REMOTE_FAILURE)).isEqualTo(2);
	}

	@Test
	void requestsInProgressAreLimitedPerPeerEachWay() {
		CompletableFuture<byte[]> held = new CompletableFuture<>();
		RequestResponseConfig one = new RequestResponseConfig(Duration.ofSeconds(5), 64, 64, 1, 1);
		RequestResponseConfig two = new RequestResponseConfig(Duration.ofSeconds(5), 64, 64, 2, 2);
		AtomicInteger handling = new AtomicInteger();
		Pair pair = pair((peer, request) -> {
			handling.incrementAndGet();
			return held;
		}, one, two);
		CompletableFuture<byte[]> first = pair.client().request(pair.serverPeer(), ECHO, bytes("first"));
		await().atMost(5, TimeUnit.SECONDS).until(() -> handling.get() == 1);
		// the server takes one at a time from this peer
		CompletableFuture<byte[]> second = pair.client().request(pair.serverPeer(), ECHO, bytes("second"));
		assertThat(failure(second)).isEqualTo(Reason.REMOTE_FAILURE);
		assertThat(pair.server().metrics().count(ECHO, Direction.INBOUND, Outcome.TOO_MANY_REQUESTS)).isEqualTo(1);
		// the client sends at most two at a time to one peer
		CompletableFuture<byte[]> third = pair.client().request(pair.serverPeer(), ECHO, bytes("third"));
		// taken at once, while the third is still on its way
		assertThat(failure(pair.client().request(pair.serverPeer(), ECHO, bytes("fourth"))))
			.isEqualTo(Reason.TOO_MANY_REQUESTS);
		assertThat(failure(third)).isEqualTo(Reason.REMOTE_FAILURE);
		held.complete(bytes("done"));
		assertThat(first.join()).isEqualTo(bytes("done"));
	}

	private record Pair(RequestResponse server, RequestResponse client, PeerId serverPeer) {
	}

}
