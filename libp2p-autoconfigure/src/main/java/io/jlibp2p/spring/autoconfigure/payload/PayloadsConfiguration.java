package io.jlibp2p.spring.autoconfigure.payload;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Payloads} that pubsub and request-response share, unless the application
 * defines its own: every {@link PayloadConverter} bean first, JSON through the
 * application's {@link JsonMapper} last when Jackson is present.
 */
@Configuration(proxyBeanMethods = false)
public class PayloadsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Payloads libp2pPayloads(ObjectProvider<PayloadConverter> converters) {
		return new Payloads(converters.orderedStream().toList(), List.of());
	}

	/** JSON through the application's mapper, when Jackson is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonPayloadsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Payloads libp2pPayloads(ObjectProvider<PayloadConverter> converters, ObjectProvider<JsonMapper> mapper) {
			JsonMapper json = mapper.getIfAvailable(() -> JsonMapper.builder().findAndAddModules().build());
			return new Payloads(converters.orderedStream().toList(), List.of(new JsonPayloadConverter(json)));
		}

	}

}
