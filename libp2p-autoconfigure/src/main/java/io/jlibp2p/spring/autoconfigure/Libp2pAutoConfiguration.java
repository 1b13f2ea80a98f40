package io.jlibp2p.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

import io.jlibp2p.crypto.PrivateKey;
import io.jlibp2p.multiformats.Cidr;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.identify.Identify;
import io.jlibp2p.protocol.identify.IdentifyConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.perf.Perf;
import io.jlibp2p.protocol.perf.PerfConfig;
import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.protocol.ping.PingConfig;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.resources.ResourceLimits;
import io.jlibp2p.spring.autoconfigure.json.Libp2pJacksonModule;
import io.jlibp2p.spring.autoconfigure.web.ConditionalOnLibp2pRest;
import io.jlibp2p.spring.autoconfigure.web.GaterRestController;
import io.jlibp2p.spring.autoconfigure.web.Libp2pProblemHandler;
import io.jlibp2p.spring.autoconfigure.web.Libp2pRestController;
import io.jlibp2p.spring.autoconfigure.web.PerfRestController;
import io.jlibp2p.spring.autoconfigure.web.ProblemErrorReportCustomizer;
import io.jlibp2p.spring.autoconfigure.web.RestClientFilter;
import io.jlibp2p.swarm.BootstrapPeers;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmBuilder;
import io.jlibp2p.swarm.SwarmConfig;
import io.jlibp2p.transport.AllowBlockGater;
import io.jlibp2p.transport.ConnectionGater;
import io.jlibp2p.transport.memory.MemoryTransport;
import io.jlibp2p.transport.tcp.TcpTransport;

/**
 * Auto-configuration of a libp2p node. Registers, each unless the application defines its
 * own:
 * <ul>
 * <li>the identity {@link PrivateKey}, from {@code libp2p.identity.key-file};</li>
 * <li>{@link Ping} ({@code libp2p.ping.enabled}) and {@link Identify}
 * ({@code libp2p.identify.enabled}), and {@link Perf} when
 * {@code libp2p.perf.enabled};</li>
 * <li>{@link BootstrapPeers} for {@code libp2p.bootstrap.peers};</li>
 * <li>{@link Libp2pJacksonModule} when Jackson 3 is present, so that ids and addresses
 * are JSON text;</li>
 * <li>the {@link Swarm} with every {@link NetworkBehaviour} bean, after the
 * {@link SwarmBuilderCustomizer}s;</li>
 * <li>the {@link SwarmLifecycle} that listens while the context runs;</li>
 * <li>the {@code libp2p} Actuator endpoint ({@link Libp2pEndpoint}) when exposed, and the
 * node in the {@code info} endpoint ({@link Libp2pInfoContributor});</li>
 * <li>{@link Libp2pMetrics} when Micrometer is present, and the {@code libp2p}
 * {@link Libp2pHealthIndicator} when Spring Boot's health support is present.</li>
 * </ul>
 * Nothing is registered when {@code libp2p.enabled} is {@code false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "libp2p.enabled", matchIfMissing = true)
@EnableConfigurationProperties(Libp2pProperties.class)
public final class Libp2pAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PrivateKey libp2pIdentity(Libp2pProperties properties) {
		try {
			return IdentityKeyFile.loadOrCreate(properties.identity().keyFile(), properties.identity().keyType());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot read or create libp2p.identity.key-file " + properties.identity().keyFile(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "libp2p.ping.enabled", matchIfMissing = true)
	Ping libp2pPing(Libp2pProperties properties) {
		Libp2pProperties.Ping ping = properties.ping();
		Duration interval = ping.interval().isZero() ? null : ping.interval();
		return new Ping(new PingConfig(interval, ping.timeout(), PingConfig.DEFAULT.responderIdleTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "libp2p.identify.enabled", matchIfMissing = true)
	Identify libp2pIdentify(Libp2pProperties properties) {
		Libp2pProperties.Identify identify = properties.identify();
		return new Identify(new IdentifyConfig(identify.agentVersion(), IdentifyConfig.DEFAULT.protocolVersion(),
				IdentifyConfig.DEFAULT.timeout(), identify.push(), IdentifyConfig.DEFAULT.addressTtl()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("libp2p.perf.enabled")
	Perf libp2pPerf(Libp2pProperties properties) {
		return new Perf(new PerfConfig(true, properties.perf().maxBytes().toBytes()));
	}

	@Bean
	@ConditionalOnMissingBean
	BootstrapPeers libp2pBootstrapPeers(Libp2pProperties properties) {
		Libp2pProperties.Bootstrap bootstrap = properties.bootstrap();
		return new BootstrapPeers(bootstrap.peers().stream().map(Multiaddr::parse).toList(), bootstrap.minBackoff(),
				bootstrap.maxBackoff());
	}

	@Bean
	@ConditionalOnMissingBean
	Swarm libp2pSwarm(PrivateKey identity, Libp2pProperties properties, ObjectProvider<NetworkBehaviour> behaviours,
			ObjectProvider<ConnectionGater> gaters, ObjectProvider<SwarmBuilderCustomizer> customizers) {
		SwarmConfig config = swarmConfig(properties);
		SwarmBuilder builder = Swarm.builder().identity(identity).config(config);
		List<ConnectionGater> all = gaters.orderedStream().toList();
		if (!all.isEmpty()) {
			builder.gater(ConnectionGater.all(all));
		}
		PrivateNetworkKey.of(properties.pnet()).ifPresent(builder::privateNetwork);
		for (Libp2pProperties.TransportKind kind : properties.transports().stream().distinct().toList()) {
			builder.ownTransport((kind == Libp2pProperties.TransportKind.TCP)
					? new TcpTransport(config.eventLoopThreads()) : new MemoryTransport(config.eventLoopThreads()));
		}
		behaviours.orderedStream().forEach(builder::behaviour);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The built-in gater from {@code libp2p.gater.*}; every {@link ConnectionGater} bean
	 * joins it, and an {@link AllowBlockGater} bean of the application's replaces it.
	 */
	@Bean
	@ConditionalOnMissingBean
	AllowBlockGater libp2pAllowBlockGater(Libp2pProperties properties) {
		Libp2pProperties.Gater lists = properties.gater();
		return new AllowBlockGater(lists.allowPeers().stream().map(PeerId::parse).toList(),
				lists.denyPeers().stream().map(PeerId::parse).toList(),
				lists.allowNetworks().stream().map(Cidr::parse).toList(),
				lists.denyNetworks().stream().map(Cidr::parse).toList());
	}

	@Bean
	@ConditionalOnMissingBean
	SwarmLifecycle libp2pSwarmLifecycle(Swarm swarm, Libp2pProperties properties, ApplicationEventPublisher publisher) {
		return new SwarmLifecycle(swarm, properties, publisher);
	}

	/** JSON of libp2p's value types: Boot adds every module bean to its mapper. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JacksonModule.class)
	static class JsonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Libp2pJacksonModule libp2pJacksonModule() {
			return new Libp2pJacksonModule();
		}

	}

	/** The REST API, in servlet web applications with Spring MVC. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnLibp2pRest
	static class SwarmRestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Libp2pRestController libp2pRestController(Swarm swarm, ObjectProvider<Ping> ping, Libp2pProperties properties) {
			Libp2pProperties.Rest rest = properties.rest();
			ConnectionGater dialPolicy = new AllowBlockGater(List.of(), List.of(),
					rest.dialAllowed().stream().map(Cidr::parse).toList(),
					rest.dialDenied().stream().map(Cidr::parse).toList());
			return new Libp2pRestController(swarm, ping.getIfUnique(), properties.identify().agentVersion(),
					rest.timeout(), dialPolicy);
		}

		@Bean
		@ConditionalOnMissingBean
		PerfRestController libp2pPerfRestController(Swarm swarm, ObjectProvider<Perf> perf,
				Libp2pProperties properties) {
			return new PerfRestController(swarm, perf.getIfUnique(), properties.perf().maxBytes().toBytes(),
					properties.rest().timeout());
		}

		@Bean
		@ConditionalOnMissingBean
		GaterRestController libp2pGaterRestController(AllowBlockGater gater, Swarm swarm,
				ApplicationEventPublisher publisher) {
			return new GaterRestController(gater, swarm, publisher);
		}

		@Bean
		@ConditionalOnMissingBean
		Libp2pProblemHandler libp2pProblemHandler() {
			return new Libp2pProblemHandler();
		}

		@Bean
		@ConditionalOnMissingBean(name = "libp2pRestClientFilter")
		FilterRegistrationBean<RestClientFilter> libp2pRestClientFilter(Libp2pProperties properties) {
			Libp2pProperties.Rest rest = properties.rest();
			FilterRegistrationBean<RestClientFilter> registration = new FilterRegistrationBean<>(
					new RestClientFilter(rest.allowedClients().stream().map(Cidr::parse).toList()));
			registration.addUrlPatterns(rest.basePath() + "/*");
			// before Spring Security's chain: a client from elsewhere is refused outright
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		/**
		 * Problem details also for requests Tomcat refuses before Spring MVC sees them,
		 * when the server is Tomcat.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.apache.catalina.valves.ErrorReportValve",
				"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
		static class TomcatConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ProblemErrorReportCustomizer libp2pProblemErrorReportCustomizer(Libp2pProperties properties) {
				return new ProblemErrorReportCustomizer(properties.rest().basePath());
			}

		}

	}

	/**
	 * The {@code libp2p} Actuator endpoint, when Actuator is present and the endpoint
	 * exposed.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		Libp2pEndpoint libp2pEndpoint(Swarm swarm, ObjectProvider<Pubsub> pubsub, ObjectProvider<Kademlia> kad) {
			return new Libp2pEndpoint(swarm, pubsub.getIfAvailable(), kad.getIfUnique());
		}

	}

	/** The node in Actuator's {@code info} endpoint. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(InfoContributor.class)
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Libp2pInfoContributor libp2pInfoContributor(Swarm swarm, Libp2pProperties properties) {
			return new Libp2pInfoContributor(swarm, properties.identify().agentVersion());
		}

	}

	/** Micrometer meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class SwarmMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Libp2pMetrics libp2pMetrics(Swarm swarm, ObjectProvider<Ping> ping, ObjectProvider<SwarmLifecycle> lifecycle) {
			return new Libp2pMetrics(swarm, ping.getIfUnique(), lifecycle.getIfUnique());
		}

	}

	/**
	 * The {@code libp2p} health indicator, when Spring Boot's health support is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("libp2p")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "libp2pHealthIndicator")
		Libp2pHealthIndicator libp2pHealthIndicator(Swarm swarm, SwarmLifecycle lifecycle,
				ObjectProvider<Pubsub> pubsub, ObjectProvider<BootstrapPeers> bootstrap, ObjectProvider<Kademlia> kad) {
			return new Libp2pHealthIndicator(swarm, lifecycle, pubsub.getIfAvailable(), bootstrap.getIfUnique(),
					kad.getIfUnique());
		}

	}

	private static SwarmConfig swarmConfig(Libp2pProperties properties) {
		Libp2pProperties.Connections connections = properties.connections();
		SwarmConfig defaults = SwarmConfig.DEFAULT;
		try {
			return defaults
				.withTimeouts(defaults.timeouts()
					.withDial(connections.dialTimeout())
					.withHandshake(connections.handshakeTimeout())
					.withIdle(connections.idleTimeout()))
				.withLimits(new SwarmConfig.Limits(connections.max(), connections.maxPerPeer(),
						connections.maxPendingInbound(), connections.maxPendingOutbound()))
				.withInbound(new SwarmConfig.InboundLimits(connections.maxInbound(), connections.maxInboundPerIp(),
						connections.maxInboundPerSubnet(), connections.maxPendingInboundPerIp(),
						connections.acceptRatePerIp(), connections.limitExempt().stream().map(Cidr::parse).toList()))
				.withWatermarks(new SwarmConfig.Watermarks(connections.lowWatermark(), connections.highWatermark(),
						connections.gracePeriod()))
				.withResources(resourceLimits(properties.resources()))
				.withSecurity(properties.security())
				.withMuxers(properties.muxers(), defaults.yamux());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid libp2p.connections or libp2p.muxers: " + ex.getMessage(), ex);
		}
	}

	private static ResourceLimits resourceLimits(Libp2pProperties.Resources resources) {
		ResourceLimits scaled = ResourceLimits.DEFAULT;
		long memory = (resources.maxMemory() != null) ? resources.maxMemory().toBytes() : scaled.system().memory();
		int streams = (resources.maxStreams() > 0) ? resources.maxStreams() : scaled.system().streamsInbound();
		ResourceLimits limits = ResourceLimits.of(memory, streams);
		if (resources.maxFileDescriptors() > 0) {
			limits = limits.withFileDescriptors(resources.maxFileDescriptors());
		}
		return limits.withAllowlist(new ResourceLimits.Allowlist(
				resources.allowPeers().stream().map(PeerId::parse).collect(Collectors.toSet()),
				resources.allowNetworks().stream().map(Cidr::parse).toList()));
	}

}
