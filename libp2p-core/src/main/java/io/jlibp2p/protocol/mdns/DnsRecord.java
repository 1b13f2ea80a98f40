package io.jlibp2p.protocol.mdns;

import java.util.List;

/**
 * The two resource records libp2p's mDNS discovery exchanges; others are skipped when
 * read.
 */
public sealed interface DnsRecord {

	/** Type code of a PTR record. */
	int TYPE_PTR = 12;

	/** Type code of a TXT record. */
	int TYPE_TXT = 16;

	/**
	 * Returns the name the record belongs to.
	 * @return the owner name, without the trailing dot
	 */
	String name();

	/**
	 * Returns how long the record may be cached.
	 * @return seconds
	 */
	long ttlSeconds();

	/**
	 * Points a service name at one instance of it.
	 *
	 * @param name the service name
	 * @param ttlSeconds seconds it may be cached
	 * @param target the instance's name
	 */
	record Ptr(String name, long ttlSeconds, String target) implements DnsRecord {
	}

	/**
	 * Character strings attached to a name.
	 *
	 * @param name the owner name
	 * @param ttlSeconds seconds it may be cached
	 * @param strings the strings, each at most 255 bytes of UTF-8
	 */
	record Txt(String name, long ttlSeconds, List<String> strings) implements DnsRecord {

		public Txt {
			strings = List.copyOf(strings);
		}

	}

}
