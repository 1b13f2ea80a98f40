package io.jlibp2p.spring.autoconfigure.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.jlibp2p.multiformats.Cidr;

/**
 * Lets only clients from allowed networks reach the REST API, loopback by default: the
 * API is a remote control of the node, and the application around it usually serves HTTP
 * on every interface. Others get a 403 problem before any controller runs. The remote
 * address is the connection's: behind a reverse proxy, allow the proxy's address.
 */
public class RestClientFilter extends OncePerRequestFilter {

	private final List<Cidr> allowed;

	/**
	 * Creates the filter.
	 * @param allowed the networks clients may come from
	 */
	public RestClientFilter(List<Cidr> allowed) {
		this.allowed = List.copyOf(allowed);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAllowed(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"the libp2p REST API "
					+ "takes requests from libp2p.rest.allowed-clients only\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

	private boolean isAllowed(String remoteAddress) {
		try {
			// a literal address, never a name to resolve
			byte[] ip = InetAddress.getByName(remoteAddress).getAddress();
			return Cidr.inAny(this.allowed, ip);
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

}
