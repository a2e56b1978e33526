package io.github.modelpool.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages of the AWS event-stream framing ({@code application/vnd.amazon.eventstream}):
 * a prelude (total length, headers length, their CRC32), string headers, the payload, and
 * the CRC32 of the whole message.
 */
final class EventStreamFrames {

	private static final byte STRING = 7;

	private EventStreamFrames() {
	}

	/**
	 * An event message: {@code :event-type}, {@code :content-type} JSON and
	 * {@code :message-type} event headers around a JSON payload.
	 * @param eventType the event type, such as {@code contentBlockDelta}
	 * @param json the payload
	 * @return the encoded message
	 */
	static byte[] event(String eventType, String json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":event-type", eventType);
		headers.put(":content-type", "application/json");
		headers.put(":message-type", "event");
		return message(headers, json.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] message(Map<String, String> headers, byte[] payload) {
		ByteArrayOutputStream encodedHeaders = new ByteArrayOutputStream();
		headers.forEach((name, value) -> {
			byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
			byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
			encodedHeaders.write(nameBytes.length);
			encodedHeaders.writeBytes(nameBytes);
			encodedHeaders.write(STRING);
			encodedHeaders.write((valueBytes.length >> 8) & 0xFF);
			encodedHeaders.write(valueBytes.length & 0xFF);
			encodedHeaders.writeBytes(valueBytes);
		});
		byte[] headerBytes = encodedHeaders.toByteArray();
		int total = 12 + headerBytes.length + payload.length + 4;
		ByteBuffer buffer = ByteBuffer.allocate(total);
		buffer.putInt(total).putInt(headerBytes.length);
		buffer.putInt((int) crc(buffer.array(), 8));
		buffer.put(headerBytes).put(payload);
		buffer.putInt((int) crc(buffer.array(), total - 4));
		return buffer.array();
	}

	private static long crc(byte[] bytes, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, 0, length);
		return crc.getValue();
	}

}
