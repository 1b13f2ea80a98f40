package io.jlibp2p.spring.starter;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer application of the starter with Spring Security and the filter chain README
 * shows, over real HTTP: the REST API answers only an authenticated operator, and the
 * operator can still dial and publish.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "libp2p.rest.enabled=true", "libp2p.identity.key-file=target/secured-identity.key" })
class SecuredRestApiTests {

	@LocalServerPort
	int port;

	@Test
	void strangersAreRefusedAndOnlyOperatorsReachTheNode() {
		assertThat(status(client(null), "/libp2p/peers")).isEqualTo(401);
		assertThat(status(client("viewer"), "/libp2p/peers")).isEqualTo(403);
		assertThat(status(client("operator"), "/libp2p/peers")).isEqualTo(200);
		assertThat(client(null).post()
			.uri("/libp2p/pubsub/topics/t/messages")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body("hello")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(401);
	}

	@Test
	void anOperatorDialsAndPublishes() {
		RestClient operator = client("operator");
		// past security, the node answers: no peer is subscribed to take the message
		assertThat(operator.post()
			.uri("/libp2p/pubsub/topics/t/messages")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body("hello")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(503);
		assertThat(operator.post()
			.uri("/libp2p/pubsub/topics/t/subscription")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.is2xxSuccessful()).isTrue();
		// a well-formed dial that fails on the network, not on security
		assertThat(operator.post()
			.uri("/libp2p/dial")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("address", "/ip4/127.0.0.1/tcp/1"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(502);
	}

	private RestClient client(String user) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
		if (user != null) {
			builder.defaultHeaders((headers) -> headers.setBasicAuth(user, "secret"));
		}
		return builder.build();
	}

	private static int status(RestClient client, String path) {
		return client.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		// README, REST API: the three lines that protect the starter's endpoints.
		@Bean
		SecurityFilterChain libp2pApi(HttpSecurity http) throws Exception {
			return http.securityMatcher("/libp2p/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPERATOR"))
				.httpBasic(Customizer.withDefaults())
				.csrf(CsrfConfigurer::disable)
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").roles("OPERATOR").build(),
					User.withUsername("viewer").password("{noop}secret").roles("VIEWER").build());
		}

	}

}
