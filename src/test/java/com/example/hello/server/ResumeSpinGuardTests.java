package com.example.hello.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

import com.example.hello.server.ResumeSpinGuard.HandoffConduit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

class ResumeSpinGuardTests {

	private final StreamSourceConduit next = mock(StreamSourceConduit.class);

	private final AtomicReference<ReadReadyHandler> installed = new AtomicReference<>();

	private final CountDownLatch delivered = new CountDownLatch(1);

	/** A conduit over {@link #next} whose read events reach {@link #delivered}. */
	private HandoffConduit conduit() {
		willAnswer((invocation) -> {
			this.installed.set(invocation.getArgument(0));
			return null;
		}).given(this.next).setReadReadyHandler(any());
		// a bound far beyond the test's wait, so that a slow machine cannot end the wait
		HandoffConduit conduit = new HandoffConduit(this.next, null, TimeUnit.SECONDS.toNanos(30));
		conduit.setReadReadyHandler(new CountingHandler(this.delivered));
		return conduit;
	}

	@Test
	void holdsAReadEventBackUntilTheRequestThreadHasResumedReads() throws Exception {
		HandoffConduit conduit = conduit();
		AtomicBoolean deliveredDuringResume = new AtomicBoolean();
		// the selector reports the next request while the request thread is still
		// resuming
		willAnswer((invocation) -> {
			Thread ioThread = new Thread(() -> this.installed.get().readReady());
			ioThread.start();
			deliveredDuringResume.set(this.delivered.await(50, TimeUnit.MILLISECONDS));
			return null;
		}).given(this.next).resumeReads();

		conduit.resumeReads();

		assertThat(deliveredDuringResume).isFalse();
		assertThat(this.delivered.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void handsAReadEventOnAtOnceWhenNoResumeIsInProgress() {
		conduit();

		this.installed.get().readReady();

		assertThat(this.delivered.getCount()).isZero();
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
