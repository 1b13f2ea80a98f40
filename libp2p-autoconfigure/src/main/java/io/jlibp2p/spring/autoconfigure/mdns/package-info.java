/**
 * Auto-configuration of mDNS discovery from {@code libp2p.mdns.*}: the behaviour, its
 * discoveries as application events, and its meters.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.mdns;

import org.jspecify.annotations.NullMarked;
