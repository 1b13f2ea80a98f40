package io.jlibp2p.spring.autoconfigure.json;

import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.FromStringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.ser.std.ToStringSerializer;

import io.jlibp2p.multiformats.Cid;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.spring.autoconfigure.view.ConnectionView;
import io.jlibp2p.transport.Connection;

/**
 * Writes libp2p's value types as their text forms and reads them back: a {@link PeerId}
 * as {@code 12D3KooW…}, a {@link Multiaddr} as {@code /ip4/…/tcp/…}, a {@link MessageId}
 * as unpadded base64url, a {@link Cid} as {@code bafy…}; a {@link Connection} is written
 * as its {@link ConnectionView}. Without it Jackson 3 writes each of them as {@code {}}
 * without complaint. The auto-configuration registers it with Boot's mapper; it is also
 * listed for {@link java.util.ServiceLoader}, so {@code findAndAddModules()} finds it.
 */
public class Libp2pJacksonModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	public Libp2pJacksonModule() {
		super("jlibp2p");
		text(PeerId.class, PeerId::parse);
		text(Multiaddr.class, Multiaddr::parse);
		text(MessageId.class, MessageId::parse);
		text(Cid.class, Cid::parse);
		addSerializer(Connection.class, new ConnectionSerializer());
	}

	private <T> void text(Class<T> type, Function<String, T> parser) {
		addSerializer(type, new ToStringSerializer(type));
		addDeserializer(type, new TextDeserializer<>(type, parser));
	}

	/**
	 * Reads a value from its text form; text it does not parse is a clear mapping error.
	 */
	private static final class TextDeserializer<T> extends FromStringDeserializer<T> {

		private final transient Function<String, T> parser;

		TextDeserializer(Class<T> type, Function<String, T> parser) {
			super(type);
			this.parser = parser;
		}

		@Override
		protected T _deserialize(String value, DeserializationContext context) {
			try {
				return this.parser.apply(value);
			}
			catch (IllegalArgumentException ex) {
				throw context.weirdStringException(value, handledType(), ex.getMessage());
			}
		}

	}

	/** A connection is a live object; what a reader wants of it is its view. */
	private static final class ConnectionSerializer extends StdSerializer<Connection> {

		ConnectionSerializer() {
			super(Connection.class);
		}

		@Override
		public void serialize(Connection connection, JsonGenerator generator, SerializationContext context) {
			context.writeValue(generator, ConnectionView.of(connection));
		}

	}

}
