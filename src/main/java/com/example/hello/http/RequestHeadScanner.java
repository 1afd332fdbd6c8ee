package com.example.hello.http;

import java.nio.ByteBuffer;

/**
 * Follows one connection's request heads byte by byte, as they arrive and before
 * Undertow's parser reads them, for the two things that parser accepts without a trace: a
 * version other than HTTP/1.0 and HTTP/1.1, which it serves as HTTP/1.1, and an obsolete
 * folded line, which it joins to the field before. Everything else in a head is left to
 * the parser and to {@link RequestHygieneHandler}. When told a request's body is chunked,
 * it follows the chunks' framing too, which Undertow's chunk parser takes with a bare LF
 * for CRLF (RFC 9112 7.1 requires CRLF): a body framed so is refused, not read.
 */
final class RequestHeadScanner {

	private static final byte[] HTTP_1_0 = { 'H', 'T', 'T', 'P', '/', '1', '.', '0' };

	private static final byte[] HTTP_1_1 = { 'H', 'T', 'T', 'P', '/', '1', '.', '1' };

	private static final int REQUEST_LINE = 0;

	private static final int LINE_START = 1;

	private static final int FIELD_LINE = 2;

	private static final int COMPLETE = 3;

	private static final int CHUNK_SIZE = 4;

	private static final int CHUNK_EXTENSION = 5;

	private static final int CHUNK_SIZE_LF = 6;

	private static final int CHUNK_DATA = 7;

	private static final int CHUNK_DATA_CR = 8;

	private static final int CHUNK_DATA_LF = 9;

	private static final int TRAILER_START = 10;

	private static final int TRAILER_LINE = 11;

	private static final int TRAILER_LF = 12;

	private static final int TRAILER_LINE_LF = 13;

	/** A chunk size of more hex digits than this cannot be meant: 2^60 bytes. */
	private static final int MAX_CHUNK_SIZE_DIGITS = 15;

	/**
	 * Volatile, as the scanner is reset by the request thread that completes a request
	 * and read by the I/O thread that reads the next one.
	 */
	private volatile int state = REQUEST_LINE;

	private volatile int refusal;

	/** The request line's last word so far: its version, once the line ends. */
	private final byte[] lastWord = new byte[HTTP_1_1.length];

	/** How long the last word is; one more than the array when it is longer. */
	private int lastWordLength;

	/** In a chunked body: the chunk's size so far, then the bytes of it still to come. */
	private long chunkRemaining;

	private int chunkSizeDigits;

	/** Whether the chunked body being followed was framed against RFC 9112 7.1. */
	private volatile boolean badChunk;

	/**
	 * Scans the bytes from {@code from} to {@code to}, by absolute index, without moving
	 * the buffer, until the head ends.
	 * @return the index after the head's last byte, or {@code -1} if the head goes on
	 */
	int scan(ByteBuffer bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			int state = this.state;
			if (state == COMPLETE) {
				return i;
			}
			if (state == CHUNK_DATA) {
				int skip = (int) Math.min(this.chunkRemaining, to - i);
				this.chunkRemaining -= skip;
				i += skip - 1;
				if (this.chunkRemaining == 0) {
					this.state = CHUNK_DATA_CR;
				}
				continue;
			}
			next(bytes.get(i));
		}
		return (this.state == COMPLETE) ? to : -1;
	}

	private void next(byte b) {
		if (this.state >= CHUNK_SIZE) {
			nextInChunkedBody(b);
			return;
		}
		switch (this.state) {
			case REQUEST_LINE -> {
				if (b == '\n') {
					if (!isKnownVersion()) {
						refuse(505);
					}
					this.state = LINE_START;
				}
				else if (b == ' ') {
					this.lastWordLength = 0;
				}
				else if (b != '\r' && this.lastWordLength < this.lastWord.length) {
					this.lastWord[this.lastWordLength++] = b;
				}
				else if (b != '\r') {
					this.lastWordLength = this.lastWord.length + 1;
				}
			}
			case LINE_START -> {
				if (b == '\n') {
					this.state = COMPLETE;
				}
				else if (b != '\r') {
					if (b == ' ' || b == '\t') {
						refuse(400); // obs-fold, RFC 9112 5.2: a recipient may reject it
					}
					this.state = FIELD_LINE;
				}
			}
			case FIELD_LINE -> {
				if (b == '\n') {
					this.state = LINE_START;
				}
			}
			default -> throw new IllegalStateException("head already complete");
		}
	}

	/**
	 * RFC 9112 7.1: chunk-size [ chunk-ext ] CRLF chunk-data CRLF, ending with a chunk of
	 * size 0 and the trailer section, each line ended by CRLF.
	 */
	private void nextInChunkedBody(byte b) {
		switch (this.state) {
			case CHUNK_SIZE -> {
				int digit = Character.digit(b, 16);
				if (digit >= 0 && this.chunkSizeDigits < MAX_CHUNK_SIZE_DIGITS) {
					this.chunkRemaining = (this.chunkRemaining << 4) + digit;
					this.chunkSizeDigits++;
				}
				else if (this.chunkSizeDigits > 0 && (b == ';' || b == ' ' || b == '\t')) {
					this.state = CHUNK_EXTENSION;
				}
				else if (this.chunkSizeDigits > 0 && b == '\r') {
					this.state = CHUNK_SIZE_LF;
				}
				else {
					refuseChunk();
				}
			}
			case CHUNK_EXTENSION -> {
				if (b == '\r') {
					this.state = CHUNK_SIZE_LF;
				}
				else if ((b < 0x20 && b != '\t') || b == 0x7f) {
					refuseChunk();
				}
			}
			case CHUNK_SIZE_LF -> {
				if (b != '\n') {
					refuseChunk();
				}
				else if (this.chunkRemaining == 0) {
					this.state = TRAILER_START;
				}
				else {
					this.state = CHUNK_DATA;
				}
			}
			case CHUNK_DATA_CR -> expect(b, '\r', CHUNK_DATA_LF);
			case CHUNK_DATA_LF -> {
				expect(b, '\n', CHUNK_SIZE);
				this.chunkRemaining = 0;
				this.chunkSizeDigits = 0;
			}
			case TRAILER_START -> {
				if (b == '\r') {
					this.state = TRAILER_LF;
				}
				else if (b == '\n' || b == ' ' || b == '\t') {
					refuseChunk();
				}
				else {
					this.state = TRAILER_LINE;
				}
			}
			case TRAILER_LINE -> {
				if (b == '\r') {
					this.state = TRAILER_LINE_LF;
				}
				else if (b == '\n') {
					refuseChunk();
				}
			}
			case TRAILER_LF -> expect(b, '\n', COMPLETE); // the body's end
			case TRAILER_LINE_LF -> expect(b, '\n', TRAILER_START);
			default -> throw new IllegalStateException("not in a chunked body");
		}
	}

	private void expect(byte b, char expected, int then) {
		if (b == expected) {
			this.state = then;
		}
		else {
			refuseChunk();
		}
	}

	private void refuseChunk() {
		this.badChunk = true;
		this.state = COMPLETE; // nothing after it is ever read as a request
	}

	private boolean isKnownVersion() {
		if (this.lastWordLength != HTTP_1_1.length) {
			return false;
		}
		boolean http10 = true;
		boolean http11 = true;
		for (int i = 0; i < HTTP_1_1.length; i++) {
			http10 &= this.lastWord[i] == HTTP_1_0[i];
			http11 &= this.lastWord[i] == HTTP_1_1[i];
		}
		return http10 || http11;
	}

	private void refuse(int status) {
		if (this.refusal == 0) {
			this.refusal = status;
		}
	}

	/** Whether the head has ended: the bytes that follow are not scanned. */
	boolean complete() {
		return this.state == COMPLETE;
	}

	/** For the log: where in a head the scanner is. */
	String describe() {
		int state = this.state;
		return switch (state) {
			case REQUEST_LINE -> "in the request line";
			case LINE_START -> "at the start of a field line";
			case FIELD_LINE -> "in a field line";
			default -> "after the head";
		};
	}

	/** The status the head must be refused with, or 0. */
	int refusal() {
		return this.refusal;
	}

	/**
	 * Follows the chunked body of the request whose head just ended, starting with the
	 * bytes of it that were already read, if any (Undertow's extra bytes). Only once the
	 * head is complete.
	 */
	void chunkedBody(ByteBuffer alreadyRead) {
		this.chunkRemaining = 0;
		this.chunkSizeDigits = 0;
		this.badChunk = false;
		this.state = CHUNK_SIZE;
		if (alreadyRead != null) {
			scan(alreadyRead, alreadyRead.position(), alreadyRead.limit());
		}
	}

	/** Whether the chunked body followed was framed against RFC 9112. */
	boolean badChunk() {
		return this.badChunk;
	}

	/**
	 * Starts on the next request's head, with the bytes of it that were already read, if
	 * any (Undertow's extra bytes).
	 */
	void nextRequest(ByteBuffer alreadyRead) {
		this.state = REQUEST_LINE;
		this.refusal = 0;
		this.badChunk = false;
		this.lastWordLength = 0;
		if (alreadyRead != null) {
			scan(alreadyRead, alreadyRead.position(), alreadyRead.limit());
		}
	}

}
