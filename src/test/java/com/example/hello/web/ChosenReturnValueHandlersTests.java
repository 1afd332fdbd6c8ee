package com.example.hello.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.lang.Nullable;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChosenReturnValueHandlersTests {

	private final List<String> asked = new ArrayList<>();

	private final List<String> handled = new ArrayList<>();

	private final NativeWebRequest request = new ServletWebRequest(new MockHttpServletRequest());

	@Test
	void handsAValueToTheFirstHandlerThatSupportsItsType() throws Exception {
		ChosenReturnValueHandlers handlers = new ChosenReturnValueHandlers(
				List.of(handler("numbers", (type) -> Number.class.isAssignableFrom(type.getParameterType())),
						handler("strings", (type) -> type.getParameterType() == String.class),
						handler("anything", (type) -> true)));
		handle(handlers, "text", "text");
		handle(handlers, "number", 42);
		assertThat(this.handled).containsExactly("strings", "numbers");
	}

	@Test
	void asksTheHandlersOnceForEachMethodAndTypeOfValue() throws Exception {
		ChosenReturnValueHandlers handlers = new ChosenReturnValueHandlers(
				List.of(handler("numbers", (type) -> Number.class.isAssignableFrom(type.getParameterType())),
						handler("anything", (type) -> true)));
		for (int i = 0; i < 3; i++) {
			handle(handlers, "text", "text");
			handle(handlers, "anyValue", 1);
			handle(handlers, "anyValue", "one");
		}
		assertThat(this.handled).containsExactly("anything", "numbers", "anything", "anything", "numbers", "anything",
				"anything", "numbers", "anything");
		assertThat(this.asked).containsExactly("numbers:text", "anything:text", "numbers:anyValue", "numbers:anyValue",
				"anything:anyValue");
	}

	@Test
	void refusesAValueNoHandlerSupportsEveryTimeWithSpringsMessage() throws Exception {
		ChosenReturnValueHandlers handlers = new ChosenReturnValueHandlers(
				List.of(handler("numbers", (type) -> Number.class.isAssignableFrom(type.getParameterType()))));
		for (int i = 0; i < 2; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> handle(handlers, "text", "text"))
				.withMessage("Unknown return value type: java.lang.String");
		}
		assertThat(this.handled).isEmpty();
	}

	@Test
	void handsAValueAnAsynchronousHandlerClaimsToThatHandler() throws Exception {
		ChosenReturnValueHandlers handlers = new ChosenReturnValueHandlers(
				List.of(handler("anything", (type) -> true), asyncHandler("deferred", "later")));
		handle(handlers, "anyValue", "now");
		handle(handlers, "anyValue", "later");
		handle(handlers, "anyValue", "now");
		assertThat(this.handled).containsExactly("anything", "deferred", "anything");
	}

	private void handle(ChosenReturnValueHandlers handlers, String method, Object value) throws Exception {
		Method target = Controller.class.getDeclaredMethod(method);
		MethodParameter returnType = new HandlerMethod(new Controller(), target).getReturnValueType(value);
		assertThat(handlers.supportsReturnType(returnType)).isTrue();
		handlers.handleReturnValue(value, returnType, new ModelAndViewContainer(), this.request);
	}

	private HandlerMethodReturnValueHandler handler(String name, Predicate<MethodParameter> supports) {
		return new Recording(name, supports);
	}

	private AsyncHandlerMethodReturnValueHandler asyncHandler(String name, Object claimed) {
		class AsyncRecording extends Recording implements AsyncHandlerMethodReturnValueHandler {

			AsyncRecording() {
				super(name, (type) -> true);
			}

			@Override
			public boolean isAsyncReturnValue(@Nullable Object returnValue, MethodParameter returnType) {
				return claimed.equals(returnValue);
			}

		}
		return new AsyncRecording();
	}

	private class Recording implements HandlerMethodReturnValueHandler {

		private final String name;

		private final Predicate<MethodParameter> supports;

		Recording(String name, Predicate<MethodParameter> supports) {
			this.name = name;
			this.supports = supports;
		}

		@Override
		public boolean supportsReturnType(MethodParameter returnType) {
			ChosenReturnValueHandlersTests.this.asked.add(this.name + ":" + returnType.getMethod().getName());
			return this.supports.test(returnType);
		}

		@Override
		public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
				ModelAndViewContainer mavContainer, NativeWebRequest webRequest) {
			ChosenReturnValueHandlersTests.this.handled.add(this.name);
		}

	}

	static class Controller {

		String text() {
			return "text";
		}

		Integer number() {
			return 42;
		}

		Object anyValue() {
			return null;
		}

	}

}
