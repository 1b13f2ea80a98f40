package io.jlibp2p.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs a {@code @SpringBootTest}'s libp2p node on the in-memory transport with an
 * identity that lives in memory: no socket is opened and no key file is written into the
 * project.
 *
 * <pre>{@code
 * &#64;SpringBootTest
 *

&#64;AutoConfigureLibp2p
 * class OrdersTests { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(Libp2pTestAutoConfiguration.class)
@PropertyMapping("libp2p")
public @interface AutoConfigureLibp2p {

	/**
	 * The transports, {@code libp2p.transports}.
	 * @return the in-memory transport by default
	 */
	String[] transports() default "memory";

	/**
	 * Where the node listens, {@code libp2p.listen-addresses}.
	 * @return a free in-memory address by default
	 */
	String[] listenAddresses() default "/memory/0";

}
