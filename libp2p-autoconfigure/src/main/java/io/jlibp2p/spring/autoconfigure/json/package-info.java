/**
 * JSON for libp2p's value types, with Jackson 3.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.json;

import org.jspecify.annotations.NullMarked;
