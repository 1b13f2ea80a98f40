/**
 * TCP on Netty: epoll where it loads, NIO everywhere else.
 */
@NullMarked
package io.jlibp2p.transport.tcp;

import org.jspecify.annotations.NullMarked;
