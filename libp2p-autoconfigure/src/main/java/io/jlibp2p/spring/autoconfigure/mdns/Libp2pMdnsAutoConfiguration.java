package io.jlibp2p.spring.autoconfigure.mdns;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jlibp2p.protocol.mdns.Mdns;
import io.jlibp2p.protocol.mdns.MdnsConfig;
import io.jlibp2p.protocol.mdns.MdnsEvent;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pProperties;
import io.jlibp2p.swarm.Swarm;

/**
 * Auto-configuration of mDNS discovery when {@code libp2p.mdns.enabled} is {@code true}:
 * the {@link Mdns} behaviour, which the swarm picks up like every behaviour bean; each
 * {@link MdnsEvent} published as an application event; and {@link MdnsMeters}.
 */
@AutoConfiguration(after = Libp2pAutoConfiguration.class)
@ConditionalOnBean(Swarm.class)
@ConditionalOnBooleanProperty("libp2p.mdns.enabled")
public final class Libp2pMdnsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MdnsConfig libp2pMdnsConfig(Libp2pProperties properties) {
		Libp2pProperties.Mdns mdns = properties.mdns();
		try {
			return new MdnsConfig(mdns.serviceName(), mdns.queryInterval(), mdns.ttl(), mdns.networkInterface(),
					mdns.port(), mdns.dialDiscovered());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid libp2p.mdns settings: " + ex.getMessage(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	Mdns libp2pMdns(MdnsConfig config, ApplicationEventPublisher publisher) {
		Mdns mdns = new Mdns(config);
		mdns.addListener(publisher::publishEvent);
		return mdns;
	}

	/** Micrometer meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MdnsMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MdnsMeters libp2pMdnsMeters(Mdns mdns) {
			return new MdnsMeters(mdns);
		}

	}

}
