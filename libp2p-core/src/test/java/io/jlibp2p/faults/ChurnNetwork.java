package io.jlibp2p.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;

import static org.awaitility.Awaitility.await;

/**
 * A network of {@link ChurnNode} processes on loopback: each node has a fixed port and
 * key, so that a node killed with SIGKILL and started again is the same peer at the same
 * address. Records what every node published and received, by origin and sequence number.
 */
final class ChurnNetwork implements AutoCloseable {

	/** Options for twelve JVMs on two cores: a small heap, one GC thread, C1 only. */
	static final List<String> SMALL_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Xss512k");

	private final Path directory;

	private final int[] ports;

	private final List<Multiaddr> addresses = new ArrayList<>();

	private final String bootstrap;

	private final List<String> jvmOptions;

	private final Process[] processes;

	private final int[] starts;

	/** Sequence numbers each node published, by node. */
	private final Map<Integer, Set<Long>> published = new ConcurrentHashMap<>();

	/** Sequence numbers each node received, by receiver and then origin. */
	private final Map<Integer, Map<Integer, Set<Long>>> received = new ConcurrentHashMap<>();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Whether publications and deliveries are recorded: a soak of hours cannot keep them
	 * all.
	 */
	private final boolean recordDeliveries;

	ChurnNetwork(Path directory, int size, int bootstrapNodes, List<String> jvmOptions, boolean recordDeliveries)
			throws IOException {
		this.recordDeliveries = recordDeliveries;
		this.directory = directory;
		this.ports = new int[size];
		this.processes = new Process[size];
		this.starts = new int[size];
		this.jvmOptions = jvmOptions;
		for (int i = 0; i < size; i++) {
			PrivateKey key = Keys.generate(KeyType.ED25519);
			Files.write(keyFile(i), key.marshal());
			try (ServerSocket free = new ServerSocket(0)) {
				this.ports[i] = free.getLocalPort();
			}
			this.addresses.add(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + this.ports[i])
				.withPeerId(PeerId.fromPublicKey(key.publicKey())));
			this.published.put(i, ConcurrentHashMap.newKeySet());
			this.received.put(i, new ConcurrentHashMap<>());
		}
		this.bootstrap = String.join(",",
				this.addresses.subList(0, bootstrapNodes).stream().map(Multiaddr::toString).toList());
	}

	private Path keyFile(int index) {
		return this.directory.resolve("node-" + index + ".key");
	}

	int size() {
		return this.ports.length;
	}

	/** Starts a node, or starts it again after it was killed. */
	synchronized void start(int index) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChurnNode.class.getName(),
				String.valueOf(index), String.valueOf(this.ports[index]), keyFile(index).toString(), this.bootstrap));
		Process process = new ProcessBuilder(command)
			.redirectError(this.directory.resolve("node-" + index + ".err").toFile())
			.start();
		this.processes[index] = process;
		this.starts[index]++;
		Thread reader = new Thread(() -> read(index, process), "churn-node-" + index);
		reader.setDaemon(true);
		reader.start();
	}

	/** Kills a node as a crash would: SIGKILL, no shutdown of any kind. */
	synchronized void kill(int index) throws InterruptedException {
		Process process = this.processes[index];
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	/** Returns whether the node's latest start has reported READY. */
	synchronized boolean isReady(int index) {
		String ready = index + " READY";
		return this.lines.stream().filter(ready::equals).count() >= this.starts[index];
	}

	synchronized boolean isAlive(int index) {
		return this.processes[index] != null && this.processes[index].isAlive();
	}

	synchronized void send(int index, String command) throws IOException {
		OutputStream stdin = this.processes[index].getOutputStream();
		stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
		stdin.flush();
	}

	/**
	 * Kills one of the churning nodes with SIGKILL every few seconds and starts it again,
	 * publishing at a rate once it is back.
	 * @param duration how long to churn
	 * @param firstChurning the first index of the nodes that churn; the others stay up
	 * @param perSecond the rate a restarted node publishes at
	 * @param random chooses victims and pauses
	 * @return how many restarts there were
	 */
	int churn(Duration duration, int firstChurning, int perSecond, Random random) throws Exception {
		int restarts = 0;
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			int victim = firstChurning + random.nextInt(size() - firstChurning);
			kill(victim);
			// down for one to three seconds, then up for two to four: the pace of the
			// churn, not a wait for anything
			Thread.sleep(1_000 + random.nextInt(2_000));
			start(victim);
			restarts++;
			await().atMost(2, TimeUnit.MINUTES).until(() -> isReady(victim));
			send(victim, "publish " + perSecond);
			Thread.sleep(2_000 + random.nextInt(2_000));
		}
		return restarts;
	}

	void addListener(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	private void read(int index, Process process) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				String[] fields = line.split(" ");
				if (fields[0].equals("P") || fields[0].equals("R")) {
					if (this.recordDeliveries) {
						record(index, fields);
					}
				}
				else {
					String tagged = index + " " + line;
					this.lines.add(tagged);
					this.listeners.forEach((listener) -> listener.accept(tagged));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the node was killed
		}
	}

	private void record(int index, String[] fields) {
		if (fields[0].equals("P")) {
			this.published.get(index).add(Long.parseLong(fields[1]));
		}
		else {
			this.received.get(index)
				.computeIfAbsent(Integer.parseInt(fields[1]), (origin) -> ConcurrentHashMap.newKeySet())
				.add(Long.parseLong(fields[2]));
		}
	}

	/**
	 * The lines other than publications and deliveries, each prefixed by its node's
	 * index.
	 */
	List<String> lines() {
		return List.copyOf(this.lines);
	}

	Set<Long> published(int origin) {
		return Set.copyOf(this.published.get(origin));
	}

	/** Returns how many of an origin's publications a receiver is missing. */
	long missing(int receiver, int origin) {
		Set<Long> got = this.received.get(receiver).getOrDefault(origin, Set.of());
		return this.published.get(origin).stream().filter((seq) -> !got.contains(seq)).count();
	}

	@Override
	public synchronized void close() throws InterruptedException {
		for (Process process : this.processes) {
			if (process != null) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

}
