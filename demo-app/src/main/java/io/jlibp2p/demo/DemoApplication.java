package io.jlibp2p.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.mdns.MdnsEvent;
import io.jlibp2p.spring.autoconfigure.PeerConnectedEvent;
import io.jlibp2p.spring.autoconfigure.PeerDisconnectedEvent;
import io.jlibp2p.spring.autoconfigure.SwarmStartedEvent;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubListener;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubMessageEvent;
import io.jlibp2p.spring.autoconfigure.reqresp.Libp2pProtocol;

/**
 * A Spring Boot service whose only libp2p code is the starter dependency: it runs a node
 * configured by {@code application.yml}, finds other demos by mDNS, logs who connects and
 * what they say on the {@code jlibp2p-demo} topic, and greets whoever asks.
 */
@SpringBootApplication
public class DemoApplication {

	private static final Logger logger = LoggerFactory.getLogger(DemoApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

	@EventListener
	void started(SwarmStartedEvent event) {
		event.listenAddresses().forEach((address) -> logger.info("dial me at {}", address));
	}

	@EventListener
	void connected(PeerConnectedEvent event) {
		logger.info("peer {} connected from {}", event.peer(), event.connection().remoteAddress());
	}

	@EventListener
	void disconnected(PeerDisconnectedEvent event) {
		logger.info("peer {} disconnected: {}", event.peer(), event.reason().detail());
	}

	@EventListener
	void discovered(MdnsEvent.Discovered event) {
		logger.info("found peer {} on the local network at {}", event.peer(), event.addresses());
	}

	/**
	 * Answers {@code /jlibp2p-demo/hello/1.0.0}: any peer may ask the demo for a
	 * greeting, with {@code Libp2pRequester} or any libp2p stack that writes one
	 * length-prefixed request.
	 */
	@Libp2pProtocol("/jlibp2p-demo/hello/1.0.0")
	String hello(String name, PeerId from) {
		logger.info("{} asked for a greeting as {}", from, name);
		return "hello " + name;
	}

	@PubsubListener(topics = "jlibp2p-demo")
	void message(String text, PubsubMessageEvent event) {
		logger.info("{} says on {}: {}", event.from(), event.topic(), text);
	}

}
