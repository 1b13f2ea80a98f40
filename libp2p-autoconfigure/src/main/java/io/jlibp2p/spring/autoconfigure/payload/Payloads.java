package io.jlibp2p.spring.autoconfigure.pubsub;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Message;

/**
 * The converters in the order they are asked: the application's
 * {@link PubsubPayloadConverter} beans, then {@code byte[]} as it is, {@code String} as
 * UTF-8, protobuf {@link Message} types by their {@code parseFrom(byte[])}, and last the
 * JSON converter when Jackson is present.
 */
public final class PubsubPayloads {

	private final List<PubsubPayloadConverter> converters;

	/**
	 * Creates the chain.
	 * @param application the application's converters, first
	 * @param json the JSON converter, last, if there is one
	 */
	public PubsubPayloads(List<PubsubPayloadConverter> application, List<PubsubPayloadConverter> json) {
		List<PubsubPayloadConverter> all = new ArrayList<>(application);
		all.add(new Bytes());
		all.add(new Text());
		all.add(new Protobuf());
		all.addAll(json);
		this.converters = List.copyOf(all);
	}

	/**
	 * Returns the converter for a type.
	 * @param type the type
	 * @return the first converter that supports it
	 * @throws PubsubPayloadException if none does
	 */
	public PubsubPayloadConverter converterFor(Class<?> type) {
		for (PubsubPayloadConverter converter : this.converters) {
			if (converter.supports(type)) {
				return converter;
			}
		}
		throw new PubsubPayloadException("no PubsubPayloadConverter reads or writes " + type.getName()
				+ (type.isPrimitive() ? "" : "; JSON needs Jackson's JsonMapper on the class path"));
	}

	/**
	 * Writes a payload with the converter for its type.
	 * @param payload the payload
	 * @return the bytes
	 */
	public byte[] write(Object payload) {
		return converterFor(payload.getClass()).write(payload);
	}

	private static final class Bytes implements PubsubPayloadConverter {

		@Override
		public boolean supports(Class<?> type) {
			return type == byte[].class;
		}

		@Override
		public <T> T read(byte[] data, Class<T> type) {
			return type.cast(data.clone());
		}

		@Override
		public byte[] write(Object payload) {
			return ((byte[]) payload).clone();
		}

	}

	private static final class Text implements PubsubPayloadConverter {

		@Override
		public boolean supports(Class<?> type) {
			return type == String.class;
		}

		@Override
		public <T> T read(byte[] data, Class<T> type) {
			return type.cast(new String(data, StandardCharsets.UTF_8));
		}

		@Override
		public byte[] write(Object payload) {
			return ((String) payload).getBytes(StandardCharsets.UTF_8);
		}

	}

	/** Protobuf messages, read by the generated class's static {@code parseFrom}. */
	private static final class Protobuf implements PubsubPayloadConverter {

		private final Map<Class<?>, MethodHandle> parsers = new ConcurrentHashMap<>();

		@Override
		public boolean supports(Class<?> type) {
			return Message.class.isAssignableFrom(type);
		}

		@Override
		public <T> T read(byte[] data, Class<T> type) {
			try {
				return type.cast(this.parsers.computeIfAbsent(type, Protobuf::parser).invoke(data));
			}
			catch (PubsubPayloadException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new PubsubPayloadException("not a " + type.getName() + ": " + ex.getMessage(), ex);
			}
		}

		private static MethodHandle parser(Class<?> type) {
			try {
				return MethodHandles.publicLookup()
					.findStatic(type, "parseFrom", MethodType.methodType(type, byte[].class));
			}
			catch (ReflectiveOperationException ex) {
				throw new PubsubPayloadException(type.getName() + " has no static parseFrom(byte[])", ex);
			}
		}

		@Override
		public byte[] write(Object payload) {
			return ((Message) payload).toByteArray();
		}

	}

}
