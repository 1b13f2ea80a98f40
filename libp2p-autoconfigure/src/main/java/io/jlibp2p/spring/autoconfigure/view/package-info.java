/**
 * What the REST API and the Actuator endpoint show of a node, as JSON-ready records with
 * text forms of ids and addresses: one view of each thing for both.
 */
@NullMarked
package io.jlibp2p.spring.autoconfigure.view;

import org.jspecify.annotations.NullMarked;
