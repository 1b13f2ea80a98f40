package io.jlibp2p.protocol.kad;

import java.time.Duration;

/**
 * A finished DHT operation, for meters.
 *
 * @param type the operation: {@code find_node}, {@code get_value}, {@code put_value},
 * {@code add_provider}, {@code get_providers}
 * @param succeeded whether it found or stored what it was after
 * @param duration how long it took
 */
public record KadQueryEvent(String type, boolean succeeded, Duration duration) {

}
