package io.jlibp2p.multiformats;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, the text form of legacy PeerIds and CIDv0.
 *
 * <p>
 * Both directions are quadratic in the input length, so decoding refuses text longer than
 * {@value #MAX_DECODE_LENGTH} characters: far above any PeerId (≈ 52) or CID (≈ 60), far
 * below what would let one request burn noticeable CPU.
 */
final class Base58 {

	static final int MAX_DECODE_LENGTH = 1024;

	private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

	private static final int[] INDEXES = new int[128];

	static {
		Arrays.fill(INDEXES, -1);
		for (int i = 0; i < ALPHABET.length; i++) {
			INDEXES[ALPHABET[i]] = i;
		}
	}

	private Base58() {
	}

	static String encode(byte[] input) {
		int zeros = 0;
		while (zeros < input.length && input[zeros] == 0) {
			zeros++;
		}
		// log(256) / log(58) < 1.37: enough digits for the non-zero part.
		char[] digits = new char[zeros + (input.length - zeros) * 137 / 100 + 1];
		byte[] number = Arrays.copyOfRange(input, zeros, input.length);
		int out = digits.length;
		int start = 0;
		while (start < number.length) {
			int remainder = 0;
			for (int i = start; i < number.length; i++) {
				int accumulator = (remainder << 8) | (number[i] & 0xFF);
				number[i] = (byte) (accumulator / 58);
				remainder = accumulator % 58;
			}
			digits[--out] = ALPHABET[remainder];
			while (start < number.length && number[start] == 0) {
				start++;
			}
		}
		for (int i = 0; i < zeros; i++) {
			digits[--out] = ALPHABET[0];
		}
		return new String(digits, out, digits.length - out);
	}

	static byte[] decode(CharSequence text) throws MultiformatException {
		if (text.length() > MAX_DECODE_LENGTH) {
			throw new MultiformatException(
					"base58 text of " + text.length() + " characters exceeds the limit of " + MAX_DECODE_LENGTH);
		}
		int zeros = 0;
		while (zeros < text.length() && text.charAt(zeros) == ALPHABET[0]) {
			zeros++;
		}
		// log(58) / log(256) < 0.733: enough bytes for the value.
		byte[] number = new byte[(text.length() - zeros) * 733 / 1000 + 1];
		int used = 0;
		for (int i = zeros; i < text.length(); i++) {
			char c = text.charAt(i);
			int digit = (c < 128) ? INDEXES[c] : -1;
			if (digit < 0) {
				throw new MultiformatException("invalid base58 character '" + c + "' at index " + i);
			}
			int carry = digit;
			int j = number.length - 1;
			for (int k = 0; (carry != 0 || k < used) && j >= 0; k++, j--) {
				carry += 58 * (number[j] & 0xFF);
				number[j] = (byte) carry;
				carry >>>= 8;
			}
			used = number.length - 1 - j;
		}
		byte[] out = new byte[zeros + used];
		System.arraycopy(number, number.length - used, out, zeros, used);
		return out;
	}

}
