package com.example.hello.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

import com.example.hello.server.ResumeHandoff.HandoffConduit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

class ResumeHandoffTests {

	@Test
	void holdsAReadEventBackUntilTheRequestThreadHasResumedReads() throws Exception {
		StreamSourceConduit next = mock(StreamSourceConduit.class);
		AtomicReference<ReadReadyHandler> installed = new AtomicReference<>();
		willAnswer((invocation) -> {
			installed.set(invocation.getArgument(0));
			return null;
		}).given(next).setReadReadyHandler(any());
		HandoffConduit conduit = new HandoffConduit(next, null);
		CountDownLatch delivered = new CountDownLatch(1);
		conduit.setReadReadyHandler(new CountingHandler(delivered));
		AtomicBoolean deliveredDuringResume = new AtomicBoolean();
		// the selector reports the next request while the request thread is still
		// resuming
		willAnswer((invocation) -> {
			Thread ioThread = new Thread(() -> installed.get().readReady());
			ioThread.start();
			deliveredDuringResume.set(delivered.await(50, TimeUnit.MILLISECONDS));
			return null;
		}).given(next).resumeReads();

		conduit.resumeReads();

		assertThat(deliveredDuringResume).isFalse();
		assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void handsAReadEventOnAtOnceWhenNoResumeIsInProgress() throws Exception {
		StreamSourceConduit next = mock(StreamSourceConduit.class);
		AtomicReference<ReadReadyHandler> installed = new AtomicReference<>();
		willAnswer((invocation) -> {
			installed.set(invocation.getArgument(0));
			return null;
		}).given(next).setReadReadyHandler(any());
		HandoffConduit conduit = new HandoffConduit(next, null);
		CountDownLatch delivered = new CountDownLatch(1);
		conduit.setReadReadyHandler(new CountingHandler(delivered));

		installed.get().readReady();

		assertThat(delivered.getCount()).isZero();
	}

	private record CountingHandler(CountDownLatch delivered) implements ReadReadyHandler {

		@Override
		public void readReady() {
			this.delivered.countDown();
		}

		@Override
		public void forceTermination() {
		}

		@Override
		public void terminated() {
		}

	}

}
