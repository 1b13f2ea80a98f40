package io.jlibp2p.spring.autoconfigure.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for requests Tomcat refuses before any servlet sees them, such as
 * a path whose percent-encoding is not UTF-8: under the REST API's base path the answer
 * is an RFC 9457 problem in JSON like every other REST error, elsewhere Tomcat's own
 * page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private final String basePath;

	/**
	 * Creates the valve.
	 * @param basePath the REST API's base path, such as {@code /libp2p}
	 */
	public ProblemErrorReportValve(String basePath) {
		this.basePath = basePath.endsWith("/") ? basePath : basePath + "/";
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		String uri = request.getRequestURI();
		int status = response.getStatus();
		if (uri == null || !uri.startsWith(this.basePath) || status < 400 || response.getContentWritten() > 0) {
			super.report(request, response, throwable);
			return;
		}
		if (!response.setErrorReported()) {
			return;
		}
		String title = (status == 400) ? "Invalid request" : "Request refused";
		String detail = (status == 400) ? "the request URI is malformed, for instance not UTF-8 once percent-decoded"
				: "the server refused the request before it reached the REST API";
		try {
			// ASCII only, so no charset: the same content type as every other REST error
			response.setContentType("application/problem+json");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
						+ ",\"detail\":\"" + detail + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("could not write a problem for a refused request: {}", ex.getMessage());
		}
	}

}
