package com.example.hello.web;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.lang.Nullable;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Spring MVC's return value handlers, as its own composite orders and chooses them, with
 * the choice kept for each handler method and type of value. Spring's composite asks
 * every handler in turn, on every request, whether it supports the return type, and some
 * answer by searching the method and its class for annotations, a visible share of
 * {@code /hello}'s CPU time (docs/performance.md#a-leaner-request-path). Spring caches
 * the argument resolvers it chooses in the same way; the return value handlers it does
 * not.
 * <p>
 * A handler's answer depends on the return type only: the method, the class it is called
 * on, and the type of the value it returned. A value that an asynchronous handler claims
 * (none of Spring MVC's own handlers is one) is chosen for as the composite does.
 */
final class ChosenReturnValueHandlers implements HandlerMethodReturnValueHandler {

	private final List<HandlerMethodReturnValueHandler> handlers;

	private final List<AsyncHandlerMethodReturnValueHandler> asyncHandlers;

	private final Map<ReturnType, HandlerMethodReturnValueHandler> chosen = new ConcurrentHashMap<>();

	ChosenReturnValueHandlers(List<HandlerMethodReturnValueHandler> handlers) {
		this.handlers = List.copyOf(handlers);
		this.asyncHandlers = this.handlers.stream()
			.filter(AsyncHandlerMethodReturnValueHandler.class::isInstance)
			.map(AsyncHandlerMethodReturnValueHandler.class::cast)
			.toList();
	}

	/**
	 * Says yes to every return type, so that the adapter's composite hands each over:
	 * {@link #handleReturnValue} refuses one that no handler supports, with the
	 * composite's message.
	 */
	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return true;
	}

	@Override
	public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			ModelAndViewContainer mavContainer, NativeWebRequest webRequest) throws Exception {
		HandlerMethodReturnValueHandler handler = isAsync(returnValue, returnType) ? chooseAsync(returnType)
				: this.chosen.computeIfAbsent(ReturnType.of(returnType), (key) -> choose(returnType));
		if (handler == Unsupported.INSTANCE || handler == null) {
			throw new IllegalArgumentException("Unknown return value type: " + returnType.getParameterType().getName());
		}
		handler.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
	}

	private boolean isAsync(@Nullable Object returnValue, MethodParameter returnType) {
		for (AsyncHandlerMethodReturnValueHandler handler : this.asyncHandlers) {
			if (handler.isAsyncReturnValue(returnValue, returnType)) {
				return true;
			}
		}
		return false;
	}

	private HandlerMethodReturnValueHandler choose(MethodParameter returnType) {
		for (HandlerMethodReturnValueHandler handler : this.handlers) {
			if (handler.supportsReturnType(returnType)) {
				return handler;
			}
		}
		return Unsupported.INSTANCE;
	}

	@Nullable
	private HandlerMethodReturnValueHandler chooseAsync(MethodParameter returnType) {
		for (AsyncHandlerMethodReturnValueHandler handler : this.asyncHandlers) {
			if (handler.supportsReturnType(returnType)) {
				return handler;
			}
		}
		return null;
	}

	/** What a handler's answer depends on. */
	private record ReturnType(Executable method, Class<?> containingClass, Class<?> valueType) {

		static ReturnType of(MethodParameter returnType) {
			return new ReturnType(returnType.getExecutable(), returnType.getContainingClass(),
					returnType.getParameterType());
		}

	}

	/** Kept for a return type that no handler supports (a map holds no null). */
	private enum Unsupported implements HandlerMethodReturnValueHandler {

		INSTANCE;

		@Override
		public boolean supportsReturnType(MethodParameter returnType) {
			return false;
		}

		@Override
		public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
				ModelAndViewContainer mavContainer, NativeWebRequest webRequest) {
			throw new UnsupportedOperationException();
		}

	}

}
