/**
 * What the starter's annotation-driven parts share.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.support;

import org.jspecify.annotations.NullMarked;
