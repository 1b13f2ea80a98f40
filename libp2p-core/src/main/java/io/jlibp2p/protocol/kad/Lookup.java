package io.jlibp2p.protocol.kad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.peer.PeerId;

/**
 * One iterative Kademlia lookup: it keeps the candidates ordered by distance to the
 * target, asks the closest ones not yet asked, at most {@code alpha} at a time, learns
 * closer peers from their answers, and ends when the {@code k} closest candidates that
 * did not fail have all answered, when an answer satisfies the stop condition, or at the
 * deadline. Runs on the swarm's thread.
 */
final class Lookup {

	private final KadKey target;

	private final PeerId self;

	private final int k;

	private final int alpha;

	private final Function<KadPeer, CompletableFuture<KadProto.Message>> query;

	private final @Nullable Predicate<KadProto.Message> stopWhen;

	private final Map<PeerId, Candidate> candidates = new HashMap<>();

	private final CompletableFuture<Result> result = new CompletableFuture<>();

	private int waiting;

	private int queried;

	Lookup(KadKey target, PeerId self, int k, int alpha, Function<KadPeer, CompletableFuture<KadProto.Message>> query,
			@Nullable Predicate<KadProto.Message> stopWhen) {
		this.target = target;
		this.self = self;
		this.k = k;
		this.alpha = alpha;
		this.query = query;
		this.stopWhen = stopWhen;
	}

	CompletableFuture<Result> result() {
		return this.result;
	}

	void start(List<KadPeer> seeds) {
		seeds.forEach((seed) -> learn(seed, 1));
		step();
	}

	void expire() {
		finish(null);
	}

	/**
	 * Adds a candidate.
	 * @param peer the peer
	 * @param hop how many answers away from this node's own table it was learned: 1 for
	 * the table's peers, one more than its referrer's for peers learned from answers
	 */
	private void learn(KadPeer peer, int hop) {
		if (peer.id().equals(this.self)) {
			return;
		}
		Candidate known = this.candidates.get(peer.id());
		if (known == null) {
			this.candidates.put(peer.id(), new Candidate(peer, KadKey.of(peer.id()), hop));
		}
		else if (known.peer.addresses().isEmpty() && !peer.addresses().isEmpty()) {
			known.peer = peer;
		}
	}

	private List<Candidate> closestLive() {
		List<Candidate> live = new ArrayList<>();
		for (Candidate candidate : this.candidates.values()) {
			if (candidate.state != State.FAILED) {
				live.add(candidate);
			}
		}
		live.sort((a, b) -> this.target.compareDistance(a.key, b.key));
		return live.subList(0, Math.min(this.k, live.size()));
	}

	private void step() {
		if (this.result.isDone()) {
			return;
		}
		boolean pending = false;
		for (Candidate candidate : closestLive()) {
			if (candidate.state == State.PENDING) {
				if (this.waiting >= this.alpha) {
					pending = true;
					continue;
				}
				ask(candidate);
			}
		}
		if (this.waiting == 0 && !pending) {
			finish(null);
		}
	}

	private void ask(Candidate candidate) {
		candidate.state = State.WAITING;
		this.waiting++;
		this.queried++;
		this.query.apply(candidate.peer).whenComplete((answer, failure) -> {
			this.waiting--;
			if (failure != null) {
				candidate.state = State.FAILED;
			}
			else {
				candidate.state = State.SUCCEEDED;
				KadMessages.peers(answer.getCloserPeersList()).forEach((peer) -> learn(peer, candidate.hop + 1));
				if (this.stopWhen != null && this.stopWhen.test(answer)) {
					finish(answer);
					return;
				}
			}
			step();
		});
	}

	private void finish(KadProto.@Nullable Message found) {
		List<Candidate> all = new ArrayList<>(this.candidates.values());
		all.sort((a, b) -> this.target.compareDistance(a.key, b.key));
		List<Candidate> answered = all.stream()
			.filter((candidate) -> candidate.state == State.SUCCEEDED)
			.limit(this.k)
			.toList();
		List<KadPeer> closest = answered.stream().map((candidate) -> candidate.peer).toList();
		List<KadPeer> seen = all.stream().map((candidate) -> candidate.peer).toList();
		int hops = answered.stream().mapToInt((candidate) -> candidate.hop).max().orElse(0);
		this.result.complete(new Result(closest, seen, Optional.ofNullable(found), this.queried, hops));
	}

	/**
	 * What a lookup found.
	 *
	 * @param closest the closest peers that answered, closest first, at most {@code k}
	 * @param seen every peer the lookup learned of, closest first
	 * @param found the answer that met the stop condition, if one did
	 * @param queried how many requests were sent
	 * @param hops the longest chain of referrals that led to one of the closest peers
	 */
	record Result(List<KadPeer> closest, List<KadPeer> seen, Optional<KadProto.Message> found, int queried, int hops) {
	}

	private enum State {

		PENDING, WAITING, SUCCEEDED, FAILED

	}

	private static final class Candidate {

		private KadPeer peer;

		private final KadKey key;

		private final int hop;

		private State state = State.PENDING;

		Candidate(KadPeer peer, KadKey key, int hop) {
			this.peer = peer;
			this.key = key;
			this.hop = hop;
		}

	}

}
