package io.jlibp2p.spring.autoconfigure.kad;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jlibp2p.protocol.kad.KadConfig;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.kad.RecordValidator;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pProperties;
import io.jlibp2p.spring.autoconfigure.web.ConditionalOnLibp2pRest;
import io.jlibp2p.spring.autoconfigure.web.DhtRestController;
import io.jlibp2p.swarm.Swarm;

/**
 * Auto-configuration of the Kademlia DHT, unless {@code libp2p.kad.enabled} is
 * {@code false}: the {@link KadConfig} from {@code libp2p.kad.*}, the {@link Kademlia}
 * behaviour (admitting peers that identify shows to serve the DHT), {@link KadMeters} and
 * the {@link DhtRestController}; each gives way to the application's own.
 */
@AutoConfiguration(after = Libp2pAutoConfiguration.class)
@ConditionalOnBean(Swarm.class)
@ConditionalOnBooleanProperty(name = "libp2p.kad.enabled", matchIfMissing = true)
public final class Libp2pKadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KadConfig libp2pKadConfig(Libp2pProperties properties) {
		Libp2pProperties.Kad kad = properties.kad();
		try {
			Map<String, RecordValidator> open = new HashMap<>();
			kad.openNamespaces().forEach((namespace) -> open.put(namespace, RecordValidator.ACCEPT_ANY));
			return KadConfig.DEFAULT.withProtocolId(kad.protocol())
				.withMode(kad.mode())
				.withK(kad.k(), kad.alpha())
				.withTimeouts(new KadConfig.Timeouts(KadConfig.Timeouts.DEFAULT.request(), kad.queryTimeout()))
				.withLifetimes(new KadConfig.Lifetimes(kad.recordTtl(), kad.providerTtl(), kad.refreshInterval()))
				.withLimits(KadConfig.Limits.DEFAULT.withMaxRecordSize((int) kad.maxRecordSize().toBytes())
					.withMaxPerIpGroup(kad.maxPeersPerIpGroup()))
				.withValidators(open)
				.withAddressFilter(kad.addressFilter());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid libp2p.kad settings: " + ex.getMessage(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	Kademlia libp2pKademlia(KadConfig config) {
		return new Kademlia(config);
	}

	/** Micrometer meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class KadMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KadMeters libp2pKadMeters(Kademlia kad) {
			return new KadMeters(kad);
		}

	}

	/** The REST API, in servlet web applications with Spring MVC. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnLibp2pRest
	static class KadRestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DhtRestController libp2pDhtRestController(Kademlia kad, Libp2pProperties properties) {
			return new DhtRestController(kad, properties.rest().timeout().plus(properties.kad().queryTimeout()));
		}

	}

}
