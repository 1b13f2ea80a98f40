package io.jlibp2p.protocol.mdns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS message as mDNS uses it: questions, answers and additional records. Reading is
 * bounded: the packet size, the record count, label and name lengths, and compression
 * pointers, which may only point backwards and are followed a limited number of times.
 *
 * @param id the message id (0 in mDNS)
 * @param response whether this answers a query
 * @param questions the questions
 * @param answers the answer records this node understands
 * @param additionals the additional records this node understands
 */
public record DnsMessage(int id, boolean response, List<Question> questions, List<DnsRecord> answers,
		List<DnsRecord> additionals) {

	/** The largest mDNS packet (RFC 6762 §17). */
	public static final int MAX_PACKET = 9000;

	/** Records of all sections read from one packet at most. */
	public static final int MAX_RECORDS = 256;

	private static final int FLAGS_RESPONSE = 0x8400;

	private static final int CLASS_IN = 1;

	private static final int MAX_NAME = 255;

	private static final int MAX_LABEL = 63;

	private static final int MAX_POINTERS = 16;

	public DnsMessage {
		questions = List.copyOf(questions);
		answers = List.copyOf(answers);
		additionals = List.copyOf(additionals);
	}

	/**
	 * A question.
	 *
	 * @param name the name asked about
	 * @param type the record type asked for
	 */
	public record Question(String name, int type) {
	}

	/**
	 * Reads a packet.
	 * @param packet the bytes of one datagram
	 * @return the message; unknown record types are left out
	 * @throws DnsException if the packet is malformed or over a limit
	 */
	public static DnsMessage decode(byte[] packet) throws DnsException {
		if (packet.length > MAX_PACKET) {
			throw new DnsException("packet of " + packet.length + " bytes exceeds " + MAX_PACKET);
		}
		Reader reader = new Reader(packet);
		int id = reader.u16();
		int flags = reader.u16();
		int questionCount = reader.u16();
		int answerCount = reader.u16();
		int authorityCount = reader.u16();
		int additionalCount = reader.u16();
		if (questionCount + answerCount + authorityCount + additionalCount > MAX_RECORDS) {
			throw new DnsException("more than " + MAX_RECORDS + " entries");
		}
		List<Question> questions = new ArrayList<>();
		for (int i = 0; i < questionCount; i++) {
			String name = reader.name();
			int type = reader.u16();
			reader.u16();
			questions.add(new Question(name, type));
		}
		List<DnsRecord> answers = reader.records(answerCount);
		reader.records(authorityCount);
		List<DnsRecord> additionals = reader.records(additionalCount);
		return new DnsMessage(id, (flags & 0x8000) != 0, questions, answers, additionals);
	}

	/**
	 * Writes the message, without name compression.
	 * @return the packet
	 * @throws IllegalArgumentException if a name or string does not fit DNS
	 */
	public byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		writeU16(out, this.id);
		writeU16(out, this.response ? FLAGS_RESPONSE : 0);
		writeU16(out, this.questions.size());
		writeU16(out, this.answers.size());
		writeU16(out, 0);
		writeU16(out, this.additionals.size());
		for (Question question : this.questions) {
			writeName(out, question.name());
			writeU16(out, question.type());
			writeU16(out, CLASS_IN);
		}
		this.answers.forEach((record) -> writeRecord(out, record));
		this.additionals.forEach((record) -> writeRecord(out, record));
		return out.toByteArray();
	}

	private static void writeRecord(ByteArrayOutputStream out, DnsRecord record) {
		writeName(out, record.name());
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		int type;
		if (record instanceof DnsRecord.Ptr ptr) {
			writeName(data, ptr.target());
			type = DnsRecord.TYPE_PTR;
		}
		else {
			for (String string : ((DnsRecord.Txt) record).strings()) {
				byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
				if (bytes.length > 255) {
					throw new IllegalArgumentException("TXT string longer than 255 bytes");
				}
				data.write(bytes.length);
				data.writeBytes(bytes);
			}
			type = DnsRecord.TYPE_TXT;
		}
		writeU16(out, type);
		writeU16(out, CLASS_IN);
		writeU16(out, (int) (record.ttlSeconds() >>> 16));
		writeU16(out, (int) record.ttlSeconds());
		writeU16(out, data.size());
		out.writeBytes(data.toByteArray());
	}

	private static void writeName(ByteArrayOutputStream out, String name) {
		if (name.length() > MAX_NAME) {
			throw new IllegalArgumentException("DNS name longer than " + MAX_NAME + ": " + name);
		}
		for (String label : name.split("\\.")) {
			byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
			if (bytes.length == 0 || bytes.length > MAX_LABEL) {
				throw new IllegalArgumentException("DNS label must have 1 to 63 bytes: " + name);
			}
			out.write(bytes.length);
			out.writeBytes(bytes);
		}
		out.write(0);
	}

	private static void writeU16(ByteArrayOutputStream out, int value) {
		out.write(value >>> 8);
		out.write(value);
	}

	private static final class Reader {

		private final ByteBuffer buffer;

		Reader(byte[] packet) {
			this.buffer = ByteBuffer.wrap(packet);
		}

		int u16() throws DnsException {
			need(2);
			return Short.toUnsignedInt(this.buffer.getShort());
		}

		long u32() throws DnsException {
			need(4);
			return Integer.toUnsignedLong(this.buffer.getInt());
		}

		private void need(int bytes) throws DnsException {
			if (this.buffer.remaining() < bytes) {
				throw new DnsException("truncated packet");
			}
		}

		List<DnsRecord> records(int count) throws DnsException {
			List<DnsRecord> records = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String name = name();
				int type = u16();
				u16();
				long ttl = u32();
				int length = u16();
				need(length);
				int end = this.buffer.position() + length;
				if (type == DnsRecord.TYPE_PTR) {
					records.add(new DnsRecord.Ptr(name, ttl, name()));
				}
				else if (type == DnsRecord.TYPE_TXT) {
					records.add(new DnsRecord.Txt(name, ttl, strings(end)));
				}
				if (this.buffer.position() > end) {
					throw new DnsException("record data overruns its length");
				}
				this.buffer.position(end);
			}
			return records;
		}

		private List<String> strings(int end) throws DnsException {
			List<String> strings = new ArrayList<>();
			while (this.buffer.position() < end) {
				int length = Byte.toUnsignedInt(this.buffer.get());
				if (this.buffer.position() + length > end) {
					throw new DnsException("TXT string overruns its record");
				}
				byte[] bytes = new byte[length];
				this.buffer.get(bytes);
				strings.add(new String(bytes, StandardCharsets.UTF_8));
			}
			return strings;
		}

		/**
		 * Reads a name at the current position, following compression pointers, and
		 * leaves the position after the name as written in place.
		 */
		String name() throws DnsException {
			StringBuilder name = new StringBuilder();
			int position = this.buffer.position();
			int resumeAt = -1;
			int pointers = 0;
			int segmentStart = position;
			while (true) {
				if (position >= this.buffer.limit()) {
					throw new DnsException("truncated name");
				}
				int length = Byte.toUnsignedInt(this.buffer.get(position));
				if (length == 0) {
					position++;
					break;
				}
				if ((length & 0xC0) == 0xC0) {
					if (position + 1 >= this.buffer.limit()) {
						throw new DnsException("truncated name pointer");
					}
					int target = ((length & 0x3F) << 8) | Byte.toUnsignedInt(this.buffer.get(position + 1));
					if (target >= segmentStart || ++pointers > MAX_POINTERS) {
						throw new DnsException("name pointer does not point backwards");
					}
					if (resumeAt < 0) {
						resumeAt = position + 2;
					}
					position = target;
					segmentStart = target;
					continue;
				}
				if (length > MAX_LABEL) {
					throw new DnsException("label type or length " + length + " not supported");
				}
				if (position + 1 + length > this.buffer.limit()) {
					throw new DnsException("truncated label");
				}
				if (name.length() + length + 1 > MAX_NAME) {
					throw new DnsException("name longer than " + MAX_NAME);
				}
				if (!name.isEmpty()) {
					name.append('.');
				}
				for (int i = 0; i < length; i++) {
					name.append((char) Byte.toUnsignedInt(this.buffer.get(position + 1 + i)));
				}
				position += 1 + length;
			}
			this.buffer.position((resumeAt >= 0) ? resumeAt : position);
			return name.toString();
		}

	}

}
