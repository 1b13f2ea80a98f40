package io.jlibp2p.spring.autoconfigure.payload;

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
 * The converters in the order they are asked: the application's {@link PayloadConverter}
 * beans, then {@code byte[]} as it is, {@code String} as UTF-8, protobuf {@link Message}
 * types by their {@code parseFrom(byte[])}, and last the JSON converter when Jackson is
 * present.
 */
public final class Payloads {

	private final List<PayloadConverter> converters;

	/**
	 * Creates the chain.
	 * @param application the application's converters, first
	 * @param json the JSON converter, last, if there is one
	 */
	public Payloads(List<PayloadConverter> application, List<PayloadConverter> json) {
		List<PayloadConverter> all = new ArrayList<>(application);
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
	 * @throws PayloadException if none does
	 */
	public PayloadConverter converterFor(Class<?> type) {
		for (PayloadConverter converter : this.converters) {
			if (converter.supports(type)) {
				return converter;
			}
		}
		throw new PayloadException("no PayloadConverter reads or writes " + type.getName()
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

	private static final class Bytes implements PayloadConverter {

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

	private static final class Text implements PayloadConverter {

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
	private static final class Protobuf implements PayloadConverter {

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
			catch (PayloadException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new PayloadException("not a " + type.getName() + ": " + ex.getMessage(), ex);
			}
		}

		private static MethodHandle parser(Class<?> type) {
			try {
				return MethodHandles.publicLookup()
					.findStatic(type, "parseFrom", MethodType.methodType(type, byte[].class));
			}
			catch (ReflectiveOperationException ex) {
				throw new PayloadException(type.getName() + " has no static parseFrom(byte[])", ex);
			}
		}

		@Override
		public byte[] write(Object payload) {
			return ((Message) payload).toByteArray();
		}

	}

}
