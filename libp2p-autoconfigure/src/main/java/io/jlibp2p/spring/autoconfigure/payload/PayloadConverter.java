package io.jlibp2p.spring.autoconfigure.payload;

/**
 * Turns pubsub payloads into objects and back, for {@link PubsubListener} methods and the
 * {@link PubsubTemplate}. Beans of this type are asked before the built-in ones
 * ({@code byte[]}, {@code String}, protobuf, then JSON), in their {@code @Order}.
 */
public interface PayloadConverter {

	/**
	 * Returns whether this converter reads and writes a type.
	 * @param type the type
	 * @return whether it does
	 */
	boolean supports(Class<?> type);

	/**
	 * Reads a payload.
	 * @param <T> the type
	 * @param data the message's bytes
	 * @param type the type, one this converter supports
	 * @return the object
	 * @throws PayloadException if the bytes are not a {@code type}
	 */
	<T> T read(byte[] data, Class<T> type);

	/**
	 * Writes a payload.
	 * @param payload an object of a type this converter supports
	 * @return the bytes to publish
	 * @throws PayloadException if it cannot be written
	 */
	byte[] write(Object payload);

}
