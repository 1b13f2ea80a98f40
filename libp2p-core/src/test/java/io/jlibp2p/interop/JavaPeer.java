package io.jlibp2p.interop;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.muxer.mplex.MplexSession;
import io.jlibp2p.muxer.yamux.YamuxSession;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.mdns.Mdns;
import io.jlibp2p.protocol.mdns.MdnsConfig;
import io.jlibp2p.protocol.mdns.MdnsEvent;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfConfig;
import io.jlibp2p.protocol.perf.PerfResult;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmBuilder;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.transport.Connection;

/**
 * The jlibp2p counterpart of {@code src/interop/peer.mjs}, with the same arguments and
 * the same JSON events on stdout, so tests and benchmarks drive either the same way:
 *
 * <pre>
 * java io.jlibp2p.interop.JavaPeer --muxer yamux|mplex [--dial MULTIADDR] [--pings N]
 *                                  [--perf-upload BYTES --perf-download BYTES] [--mdns PORT]
 * </pre>
 *
 * It listens on 127.0.0.1, serves ping, identify and perf, and exits when stdin closes.
 * With {@code --mdns} it runs mDNS discovery on the loopback interface and the given UDP
 * port and reports each peer it discovers.
 */
public final class JavaPeer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JavaPeer() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		String muxer = option(arguments, "muxer", "yamux");
		List<String> muxers = muxer.equals("mplex") ? List.of(MplexSession.PROTOCOL_ID)
				: List.of(YamuxSession.PROTOCOL_ID);
		SwarmConfig defaults = SwarmConfig.DEFAULT;
		SwarmConfig config = defaults.withMuxers(muxers, defaults.yamux());
		Ping ping = new Ping(new PingConfig(null, Duration.ofSeconds(10), Duration.ofSeconds(60)));
		Perf perf = new Perf(new PerfConfig(true, Long.MAX_VALUE));
		SwarmBuilder builder = Swarm.builder()
			.identity(Keys.generate(KeyType.ED25519))
			.config(config)
			.behaviour(ping)
			.behaviour(new Identify(IdentifyConfig.DEFAULT))
			.behaviour(perf);
		String mdnsPort = option(arguments, "mdns", null);
		if (mdnsPort != null) {
			Mdns mdns = new Mdns(MdnsConfig.DEFAULT.on("lo", Integer.parseInt(mdnsPort)));
			mdns.addListener((event) -> {
				if (event instanceof MdnsEvent.Discovered discovered) {
					emit(Map.of("event", "discovered", "peerId", discovered.peer().toString(), "addresses",
							discovered.addresses().stream().map(Multiaddr::toString).toList()));
				}
			});
			builder.behaviour(mdns);
		}
		try (Swarm swarm = builder.build()) {
			Multiaddr bound = swarm.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).join();
			emit(Map.of("event", "listening", "peerId", swarm.localPeer().toString(), "addresses",
					List.of(bound.withPeerId(swarm.localPeer()).toString()), "io", swarm.ioType()));
			String target = option(arguments, "dial", null);
			if (target != null) {
				run(swarm, ping, perf, Multiaddr.parse(target), arguments);
			}
			InputStream stdin = System.in;
			while (stdin.read() >= 0) {
				// runs until the parent closes stdin
			}
		}
	}

	private static void run(Swarm swarm, Ping ping, Perf perf, Multiaddr target, List<String> arguments)
			throws IOException {
		try {
			long start = System.nanoTime();
			Connection connection = swarm.dial(target).join();
			List<Double> rtts = new ArrayList<>();
			Double handshakePlusOneRtt = null;
			int pings = Integer.parseInt(option(arguments, "pings", "10"));
			for (int i = 0; i < pings; i++) {
				rtts.add(ping.ping(connection).join().toNanos() / 1e6);
				if (handshakePlusOneRtt == null) {
					handshakePlusOneRtt = (System.nanoTime() - start) / 1e6;
				}
			}
			Map<String, Object> pinged = new LinkedHashMap<>();
			pinged.put("event", "pinged");
			pinged.put("rtts", rtts);
			pinged.put("handshakePlusOneRTTMillis", handshakePlusOneRtt);
			emit(pinged);
			String upload = option(arguments, "perf-upload", null);
			if (upload != null) {
				long download = Long.parseLong(option(arguments, "perf-download", "0"));
				PerfResult result = perf.run(connection, Long.parseLong(upload), download).join();
				emit(Map.of("event", "perf", "uploadBytes", result.uploadBytes(), "downloadBytes",
						result.downloadBytes(), "uploadSeconds", result.uploadTime().toNanos() / 1e9, "timeSeconds",
						result.totalTime().toNanos() / 1e9));
			}
		}
		catch (RuntimeException ex) {
			emit(Map.of("event", "error", "message", String.valueOf(ex.getMessage())));
		}
	}

	private static String option(List<String> arguments, String name, String fallback) {
		int index = arguments.indexOf("--" + name);
		return (index >= 0 && index + 1 < arguments.size()) ? arguments.get(index + 1) : fallback;
	}

	private static synchronized void emit(Map<String, ?> event) {
		System.out.println(JSON.writeValueAsString(event));
		System.out.flush();
	}

}
