/**
 * Private networks (the pnet spec, as go and js implement it): a 32-byte pre-shared key,
 * a 24-byte nonce from each side, and XSalsa20 over the raw connection before
 * multistream-select. Only nodes with the same key can talk; the key is never logged.
 */
@NullMarked
package io.jlibp2p.security.pnet;

import org.jspecify.annotations.NullMarked;
