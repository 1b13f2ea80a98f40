package io.jlibp2p.spring.autoconfigure.payload;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any type as JSON, through the application's {@link JsonMapper} (Boot's, with its
 * modules and settings, {@code PeerId} and friends as text included). Asked last.
 */
public final class JsonPayloadConverter implements PayloadConverter {

	private final JsonMapper mapper;

	/**
	 * Creates the converter.
	 * @param mapper the mapper
	 */
	public JsonPayloadConverter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean supports(Class<?> type) {
		return !type.isPrimitive();
	}

	@Override
	public <T> T read(byte[] data, Class<T> type) {
		try {
			return this.mapper.readValue(data, type);
		}
		catch (JacksonException ex) {
			throw new PayloadException("not JSON of a " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public byte[] write(Object payload) {
		try {
			return this.mapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new PayloadException("cannot write a " + payload.getClass().getName() + " as JSON", ex);
		}
	}

}
