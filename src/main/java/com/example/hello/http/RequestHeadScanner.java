package com.example.hello.http;

import java.nio.ByteBuffer;

/**
 * Follows one connection's request heads byte by byte, as they arrive and before
 * Undertow's parser reads them, for the two things that parser accepts without a trace: a
 * version other than HTTP/1.0 and HTTP/1.1, which it serves as HTTP/1.1, and an obsolete
 * folded line, which it joins to the field before. Everything else in a head is left to
 * the parser and to {@link RequestHygieneHandler}.
 */
final class RequestHeadScanner {

	private static final byte[] HTTP_1_0 = { 'H', 'T', 'T', 'P', '/', '1', '.', '0' };

	private static final byte[] HTTP_1_1 = { 'H', 'T', 'T', 'P', '/', '1', '.', '1' };

	private static final int REQUEST_LINE = 0;

	private static final int LINE_START = 1;

	private static final int FIELD_LINE = 2;

	private static final int COMPLETE = 3;

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

	/**
	 * Scans the bytes from {@code from} to {@code to}, by absolute index, without moving
	 * the buffer, until the head ends.
	 * @return the index after the head's last byte, or {@code -1} if the head goes on
	 */
	int scan(ByteBuffer bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.state == COMPLETE) {
				return i;
			}
			next(bytes.get(i));
		}
		return (this.state == COMPLETE) ? to : -1;
	}

	private void next(byte b) {
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
	 * Starts on the next request's head, with the bytes of it that were already read, if
	 * any (Undertow's extra bytes).
	 */
	void nextRequest(ByteBuffer alreadyRead) {
		this.state = REQUEST_LINE;
		this.refusal = 0;
		this.lastWordLength = 0;
		if (alreadyRead != null) {
			scan(alreadyRead, alreadyRead.position(), alreadyRead.limit());
		}
	}

}
