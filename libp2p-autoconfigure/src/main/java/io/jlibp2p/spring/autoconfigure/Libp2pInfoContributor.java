package io.jlibp2p.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.jlibp2p.swarm.Swarm;

/**
 * Adds the node to Actuator's {@code info} endpoint: {@code "libp2p": {peerId,
 * agentVersion, listenAddresses[]}}, each address with its {@code /p2p/} suffix, ready to
 * dial.
 */
public class Libp2pInfoContributor implements InfoContributor {

	private final Swarm swarm;

	private final String agentVersion;

	/**
	 * Creates the contributor.
	 * @param swarm the node
	 * @param agentVersion what the node calls itself
	 */
	public Libp2pInfoContributor(Swarm swarm, String agentVersion) {
		this.swarm = swarm;
		this.agentVersion = agentVersion;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("libp2p",
				Map.of("peerId", this.swarm.localPeer().toString(), "agentVersion", this.agentVersion,
						"listenAddresses",
						this.swarm.listenAddresses()
							.stream()
							.map((address) -> address.withPeerId(this.swarm.localPeer()).toString())
							.toList()));
	}

}
