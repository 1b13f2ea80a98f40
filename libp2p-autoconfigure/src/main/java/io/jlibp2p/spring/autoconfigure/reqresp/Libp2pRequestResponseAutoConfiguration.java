package io.jlibp2p.spring.autoconfigure.reqresp;

import java.util.concurrent.Executor;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.jlibp2p.protocol.reqresp.RequestResponse;
import io.jlibp2p.protocol.reqresp.RequestResponseConfig;
import io.jlibp2p.spring.autoconfigure.Libp2pAutoConfiguration;
import io.jlibp2p.spring.autoconfigure.Libp2pProperties;
import io.jlibp2p.spring.autoconfigure.payload.Payloads;
import io.jlibp2p.spring.autoconfigure.payload.PayloadsConfiguration;
import io.jlibp2p.spring.autoconfigure.support.AnnotatedMethods;
import io.jlibp2p.swarm.Swarm;

/**
 * Auto-configuration of request-response protocols. Registers, each unless the
 * application defines its own: the {@link RequestResponse} behaviour with
 * {@code libp2p.request-response.*}, the {@link Libp2pProtocolContainer} that serves the
 * {@link Libp2pProtocol} methods on the application's task executor, the
 * {@link Libp2pRequester}, and {@link RequestResponseMeters}.
 */
@AutoConfiguration(after = Libp2pAutoConfiguration.class)
@ConditionalOnBean(Swarm.class)
@Import(PayloadsConfiguration.class)
public final class Libp2pRequestResponseAutoConfiguration {

	/** Where handler methods run when the application has no task executor. */
	private static final int FALLBACK_CONCURRENCY = 64;

	@Bean
	@ConditionalOnMissingBean
	RequestResponse libp2pRequestResponse(Libp2pProperties properties) {
		Libp2pProperties.RequestResponse settings = properties.requestResponse();
		return new RequestResponse(new RequestResponseConfig(settings.timeout(),
				(int) Math.min(Integer.MAX_VALUE, settings.maxRequestSize().toBytes()),
				(int) Math.min(Integer.MAX_VALUE, settings.maxResponseSize().toBytes()), settings.maxInboundPerPeer(),
				settings.maxOutboundPerPeer()));
	}

	@Bean
	static AnnotatedMethods<Libp2pProtocol> libp2pProtocolMethods() {
		return new AnnotatedMethods<>(Libp2pProtocol.class);
	}

	@Bean
	@ConditionalOnMissingBean
	Libp2pProtocolContainer libp2pProtocolContainer(RequestResponse requestResponse,
			AnnotatedMethods<Libp2pProtocol> methods, Payloads payloads,
			@Qualifier("applicationTaskExecutor") ObjectProvider<Executor> executor,
			ObjectProvider<ProtocolMeters> meters) {
		return new Libp2pProtocolContainer(requestResponse, methods, payloads,
				executor.getIfAvailable(Libp2pRequestResponseAutoConfiguration::fallbackExecutor),
				meters.getIfAvailable(() -> ProtocolMeters.NONE));
	}

	private static Executor fallbackExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("jlibp2p-protocol-");
		executor.setConcurrencyLimit(FALLBACK_CONCURRENCY);
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean
	Libp2pRequester libp2pRequester(RequestResponse requestResponse, Payloads payloads,
			ObjectProvider<ProtocolMeters> meters) {
		return new Libp2pRequester(requestResponse, payloads, meters.getIfAvailable(() -> ProtocolMeters.NONE));
	}

	/** Micrometer meters, when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class RequestResponseMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestResponseMeters libp2pRequestResponseMeters(RequestResponse requestResponse) {
			return new RequestResponseMeters(requestResponse);
		}

	}

}
