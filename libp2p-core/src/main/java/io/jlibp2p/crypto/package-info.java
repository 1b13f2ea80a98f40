/**
 * libp2p identity keys: Ed25519, Secp256k1, ECDSA and RSA key pairs, their signatures and
 * their deterministic protobuf encoding, from which PeerIds are derived.
 *
 * <p>
 * Ed25519 and the elliptic-curve keys use BouncyCastle's low-level classes (several times
 * faster than the JDK's providers on this kind of machine, see DESIGN.md §5); RSA uses
 * the JDK.
 *
 * @see <a href=
 * "https://github.com/libp2p/specs/blob/master/peer-ids/peer-ids.md">peer-ids spec</a>
 */
@NullMarked
package io.jlibp2p.crypto;

import org.jspecify.annotations.NullMarked;
