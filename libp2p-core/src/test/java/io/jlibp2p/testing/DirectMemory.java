package io.jlibp2p.testing;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.util.internal.PlatformDependent;

/**
 * Direct memory in use: what Netty allocated without a cleaner (its own count) plus the
 * JVM's direct buffer pool. Netty 4.2's default allocator is not the pooled one, so the
 * pooled allocator's metric would read zero whatever happened.
 */
public final class DirectMemory {

	private DirectMemory() {
	}

	/**
	 * Returns the direct memory in use.
	 * @return bytes
	 */
	public static long used() {
		long jvm = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
		return jvm + Math.max(0, PlatformDependent.usedDirectMemory());
	}

}
