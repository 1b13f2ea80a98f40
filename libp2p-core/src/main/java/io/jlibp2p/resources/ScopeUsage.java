package io.jlibp2p.resources;

/**
 * What one scope holds at a moment, with its limits.
 *
 * @param scope the kind of scope
 * @param name which scope of that kind, empty for the system and transient scopes
 * @param streamsInbound inbound streams open
 * @param streamsOutbound outbound streams open
 * @param memory bytes reserved
 * @param fileDescriptors sockets held, counted in the system scope only
 * @param limits the scope's limits
 */
public record ScopeUsage(ScopeKind scope, String name, int streamsInbound, int streamsOutbound, long memory,
		int fileDescriptors, ResourceLimits.ScopeLimits limits) {
}
