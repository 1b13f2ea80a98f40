package io.jlibp2p.protocol.pubsub;

/**
 * Scores below which a peer loses privileges (gossipsub v1.1).
 *
 * @param gossip below this, no gossip is exchanged with the peer (negative)
 * @param publish below this, the peer gets no flood-published messages (at most
 * {@code gossip})
 * @param graylist below this, everything the peer sends is ignored (below
 * {@code publish})
 * @param acceptPeerExchange peer exchange is followed only from peers at or above this
 * (non-negative)
 * @param opportunisticGraft a mesh whose median score is below this gets better peers
 * grafted (non-negative)
 */
public record PeerScoreThresholds(double gossip, double publish, double graylist, double acceptPeerExchange,
		double opportunisticGraft) {

	/**
	 * Filecoin's thresholds, the best-documented production set: −500 / −1000 / −2500,
	 * accept peer exchange from peers at 1000 and more (bootstrappers are given that),
	 * and opportunistic grafting below a median of 3.5. With the default P4, three
	 * invalid messages end gossip with a peer and five graylist it.
	 */
	public static final PeerScoreThresholds DEFAULT = new PeerScoreThresholds(-500, -1000, -2500, 1000, 3.5);

	public PeerScoreThresholds {
		if (gossip > 0 || publish > gossip || graylist >= publish || acceptPeerExchange < 0 || opportunisticGraft < 0) {
			throw new IllegalArgumentException("score thresholds need graylist < publish <= gossip <= 0 and "
					+ "non-negative peer-exchange and opportunistic-graft thresholds");
		}
	}

}
