package io.jlibp2p.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.swarm.Swarm;

/**
 * Several applications, each with its node, on one in-memory network, connected to each
 * other, for tests of what the application does with its peers:
 *
 * <pre>{@code
 * try (Libp2pTestNetwork network = Libp2pTestNetwork.start(2, ShopApplication.class)) {
 *     network.bean(0, PubsubTemplate.class).publish("orders", new Order("o-1", 3)).join();
 *     await().until(() -> network.bean(1, Orders.class).received().size() == 1);
 * }
 * }</pre>
 *
 * Each application runs without a web server, listens on a free {@code /memory/} address
 * (no socket is opened) and has an identity generated in memory (no key file is written);
 * properties given to {@link #start} come on top, and may turn the web server back on.
 */
public final class Libp2pTestNetwork implements AutoCloseable {

	private static final Map<String, String> DEFAULTS = Map.of("spring.main.web-application-type", "none",
			"libp2p.transports", "memory", "libp2p.listen-addresses", "/memory/0");

	private final List<ConfigurableApplicationContext> nodes;

	private Libp2pTestNetwork(List<ConfigurableApplicationContext> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts the applications and connects every node to every other.
	 * @param nodes how many
	 * @param application the application's configuration class
	 * @param properties {@code name=value} pairs for every node
	 * @return the running network
	 */
	public static Libp2pTestNetwork start(int nodes, Class<?> application, String... properties) {
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		try {
			for (int i = 0; i < nodes; i++) {
				started.add(run(application, properties));
			}
			Libp2pTestNetwork network = new Libp2pTestNetwork(List.copyOf(started));
			network.connectAll();
			return network;
		}
		catch (RuntimeException ex) {
			started.forEach(ConfigurableApplicationContext::close);
			throw ex;
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... properties) {
		List<String> arguments = new ArrayList<>();
		DEFAULTS.forEach((name, value) -> {
			if (!overridden(name, properties)) {
				arguments.add("--" + name + "=" + value);
			}
		});
		for (String property : properties) {
			arguments.add("--" + property);
		}
		SpringApplication spring = new SpringApplication(application);
		spring.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("libp2pIdentity", Keys.generate(KeyType.ED25519)));
		return spring.run(arguments.toArray(String[]::new));
	}

	private static boolean overridden(String name, String[] properties) {
		for (String property : properties) {
			if (property.startsWith(name + "=")) {
				return true;
			}
		}
		return false;
	}

	private void connectAll() {
		for (int i = 0; i < this.nodes.size(); i++) {
			for (int j = i + 1; j < this.nodes.size(); j++) {
				Swarm target = swarm(j);
				swarm(i).dial(target.listenAddresses().get(0).withPeerId(target.localPeer()))
					.orTimeout(10, TimeUnit.SECONDS)
					.join();
			}
		}
	}

	/**
	 * Returns how many nodes there are.
	 * @return the count
	 */
	public int size() {
		return this.nodes.size();
	}

	/**
	 * Returns a node's application.
	 * @param index the node, from 0
	 * @return its context
	 */
	public ConfigurableApplicationContext node(int index) {
		return this.nodes.get(index);
	}

	/**
	 * Returns a bean of a node's application.
	 * @param <T> the bean's type
	 * @param index the node, from 0
	 * @param type the bean's type
	 * @return the bean
	 */
	public <T> T bean(int index, Class<T> type) {
		return node(index).getBean(type);
	}

	/**
	 * Returns a node's swarm.
	 * @param index the node, from 0
	 * @return its swarm
	 */
	public Swarm swarm(int index) {
		return bean(index, Swarm.class);
	}

	/** Stops every application. */
	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

}
