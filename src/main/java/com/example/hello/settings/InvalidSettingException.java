package com.example.hello.settings;

/**
 * A setting that hello cannot start with: which property, the value it has, what is wrong
 * and how to fix it. {@link StartFailureReporter} prints it as one line, once.
 */
public class InvalidSettingException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String fix;

	/**
	 * Creates the exception.
	 * @param property the property, for example {@code server.bind}
	 * @param value the value it has
	 * @param problem what is wrong with it, for example
	 * {@code its directory /run/hello does not exist}
	 * @param fix what to do, for example
	 * {@code create it, writable by the user hello runs as}
	 * @param cause what went wrong underneath, or {@code null}
	 */
	public InvalidSettingException(String property, Object value, String problem, String fix, Throwable cause) {
		super(line(property, value, problem + "; " + fix), cause);
		this.property = property;
		this.value = value;
		this.fix = fix;
	}

	public InvalidSettingException(String property, Object value, String problem, String fix) {
		this(property, value, problem, fix, null);
	}

	public String property() {
		return this.property;
	}

	public Object value() {
		return this.value;
	}

	public String fix() {
		return this.fix;
	}

	/** The one line every bad setting is reported with. */
	static String line(String property, Object value, String reason) {
		return "Invalid " + property + "='" + value + "': " + reason;
	}

}
