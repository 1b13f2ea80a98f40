package io.jlibp2p.peer;

/**
 * A verified peer record together with the envelope it came in, which can be handed on to
 * others (gossipsub peer exchange) who then verify the signature themselves.
 *
 * @param record the record
 * @param envelope the signed envelope's bytes
 */
public record SignedPeerRecord(PeerRecord record, byte[] envelope) {

	public SignedPeerRecord {
		envelope = envelope.clone();
	}

	/**
	 * Verifies an envelope and reads the peer record in it.
	 * @param envelope the envelope's bytes
	 * @return the record with its envelope
	 * @throws EnvelopeException if the signature or the payload is invalid
	 */
	public static SignedPeerRecord open(byte[] envelope) throws EnvelopeException {
		return new SignedPeerRecord(PeerRecord.open(envelope), envelope);
	}

	@Override
	public byte[] envelope() {
		return this.envelope.clone();
	}

}
