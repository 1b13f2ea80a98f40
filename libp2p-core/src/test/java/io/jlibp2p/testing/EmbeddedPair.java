package io.jlibp2p.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Two {@link EmbeddedChannel}s wired back to back: what one writes, the other reads,
 * until neither has anything left to send. Deterministic, single-threaded, no sockets.
 */
public final class EmbeddedPair {

	private EmbeddedPair() {
	}

	/**
	 * Moves outbound bytes across in both directions until both sides are quiet.
	 * @param a one side
	 * @param b the other side
	 * @return the number of buffers moved
	 */
	public static int exchange(EmbeddedChannel a, EmbeddedChannel b) {
		int moved = 0;
		boolean progress = true;
		while (progress) {
			progress = false;
			for (EmbeddedChannel[] direction : new EmbeddedChannel[][] { { a, b }, { b, a } }) {
				ByteBuf message;
				while ((message = direction[0].readOutbound()) != null) {
					if (direction[1].isOpen()) {
						direction[1].writeInbound(message);
					}
					else {
						message.release();
					}
					moved++;
					progress = true;
				}
			}
		}
		return moved;
	}

}
