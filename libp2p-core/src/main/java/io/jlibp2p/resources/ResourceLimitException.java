package io.jlibp2p.resources;

/**
 * A scope refused a reservation: it names the scope, the resource and the limit.
 */
public class ResourceLimitException extends RuntimeException {

	private final ScopeKind scope;

	private final Resource resource;

	/**
	 * Creates the exception.
	 * @param scope the kind of scope that refused
	 * @param name which scope of that kind (a peer, a protocol id), empty for the system
	 * @param resource the resource
	 * @param limit the scope's limit of it
	 */
	public ResourceLimitException(ScopeKind scope, String name, Resource resource, long limit) {
		super(scope.tag() + " scope" + (name.isEmpty() ? "" : " " + name) + " is at its limit of " + limit + " "
				+ resource.tag().replace('_', ' '));
		this.scope = scope;
		this.resource = resource;
	}

	/**
	 * Returns the kind of scope that refused.
	 * @return the scope kind
	 */
	public ScopeKind scope() {
		return this.scope;
	}

	/**
	 * Returns the resource that ran out.
	 * @return the resource
	 */
	public Resource resource() {
		return this.resource;
	}

}
