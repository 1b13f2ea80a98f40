package io.jlibp2p.resources;

import java.util.Arrays;

/**
 * One scope's counts against its limits. Not thread-safe: the resource manager's lock
 * guards every instance.
 */
final class ScopeCounters {

	final ScopeKind kind;

	/** The peer or protocol this scope is for, the empty string for the others. */
	final Object key;

	final String name;

	final ResourceLimits.ScopeLimits limits;

	/** What is in use, indexed by {@link Resource#ordinal()}. */
	private final long[] used = new long[Resource.values().length];

	/** Connections or streams that keep this scope in use, so it is not forgotten. */
	int holders;

	ScopeCounters(ScopeKind kind, Object key, ResourceLimits.ScopeLimits limits) {
		this.kind = kind;
		this.key = key;
		this.name = key.toString();
		this.limits = limits;
	}

	long used(Resource resource) {
		return this.used[resource.ordinal()];
	}

	boolean fits(Resource resource, long amount) {
		return used(resource) + amount <= this.limits.of(resource);
	}

	void add(Resource resource, long amount) {
		this.used[resource.ordinal()] += amount;
	}

	boolean unused() {
		return this.holders == 0 && Arrays.stream(this.used).allMatch((amount) -> amount == 0);
	}

	ScopeUsage usage() {
		return new ScopeUsage(this.kind, this.name, (int) used(Resource.STREAMS_INBOUND),
				(int) used(Resource.STREAMS_OUTBOUND), used(Resource.MEMORY), (int) used(Resource.FILE_DESCRIPTORS),
				this.limits);
	}

}
