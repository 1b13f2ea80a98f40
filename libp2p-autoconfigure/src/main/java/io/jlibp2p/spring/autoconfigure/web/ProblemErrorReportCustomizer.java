package io.jlibp2p.spring.autoconfigure.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ProblemErrorReportValve} in place of the error report valve of the Tomcat
 * host the application runs in, keeping its settings. Ordered last, so that it runs after
 * Spring Boot's own customizer, which adds the valve replaced here.
 */
public class ProblemErrorReportCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final String basePath;

	/**
	 * Creates the customizer.
	 * @param basePath the REST API's base path
	 */
	public ProblemErrorReportCustomizer(String basePath) {
		this.basePath = basePath;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> replaceErrorReportValve(context.getParent()));
	}

	private void replaceErrorReportValve(Container host) {
		Pipeline pipeline = host.getPipeline();
		ProblemErrorReportValve replacement = new ProblemErrorReportValve(this.basePath);
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve report) {
				replacement.setShowReport(report.isShowReport());
				replacement.setShowServerInfo(report.isShowServerInfo());
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(replacement);
		if (host instanceof StandardHost standard) {
			// the host adds a valve of this class at start unless one is there
			standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
