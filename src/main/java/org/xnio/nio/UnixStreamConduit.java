package org.xnio.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;
import org.xnio.conduits.WriteReadyHandler;

/**
 * Both directions of a Unix-domain socket connection, as the selector of its I/O thread
 * drives them. Reads and writes go straight to the JDK channel; readiness comes from the
 * thread's selector through {@link #handleReady(int)}; half-closes use the channel's own
 * {@code shutdownInput}/{@code shutdownOutput}, which Unix channels support.
 */
final class UnixStreamConduit extends NioHandle implements StreamSourceConduit, StreamSinkConduit {

	private static final Log logger = LogFactory.getLog(UnixStreamConduit.class);

	private final SocketChannel channel;

	private final UnixStreamConnection connection;

	private volatile ReadReadyHandler readReadyHandler;

	private volatile WriteReadyHandler writeReadyHandler;

	/**
	 * Whether the read handler wants to hear about readable data. The selector's read
	 * interest follows it lazily: see {@link #suspendReads()}.
	 */
	private volatile boolean readsResumed;

	UnixStreamConduit(WorkerThread workerThread, SelectionKey key, UnixStreamConnection connection) {
		super(workerThread, key);
		this.channel = (SocketChannel) key.channel();
		this.connection = connection;
	}

	SocketChannel channel() {
		return this.channel;
	}

	@Override
	void handleReady(int ops) {
		// Copied from XNIO's NioSocketConduit.handleReady: a selection with no ready ops
		// (its comment calls it "the dreaded bug", a JDK selector quirk) is treated as
		// the key's interest ops, and a key with no interest at all is terminated.
		int ready = (ops != 0) ? ops : interestOps();
		if (ready == 0) {
			forceTermination();
			return;
		}
		// each handler in its own try, so that a failing reader does not keep the writer
		// from running
		ReadReadyHandler reader = this.readReadyHandler;
		if ((ready & SelectionKey.OP_READ) != 0) {
			if (!this.readsResumed) {
				dropReadInterest();
			}
			else if (reader != null) {
				try {
					reader.readReady();
				}
				catch (RuntimeException ex) {
					logger.debug("The read handler failed", ex);
				}
			}
		}
		WriteReadyHandler writer = this.writeReadyHandler;
		if ((ready & SelectionKey.OP_WRITE) != 0 && writer != null) {
			try {
				writer.writeReady();
			}
			catch (RuntimeException ex) {
				logger.debug("The write handler failed", ex);
			}
		}
	}

	/**
	 * Data arrived while reads are suspended: stop selecting for it until reads resume.
	 * Runs on the I/O thread, so both changes reach the selector without a wake-up. The
	 * second check catches a {@link #resumeReads()} from another thread that saw the read
	 * interest still set just before it was cleared here.
	 */
	private void dropReadInterest() {
		suspend(SelectionKey.OP_READ);
		if (this.readsResumed) {
			resume(SelectionKey.OP_READ);
		}
	}

	private int interestOps() {
		SelectionKey key = getSelectionKey();
		return key.isValid() ? key.interestOps() : 0;
	}

	@Override
	void forceTermination() {
		ReadReadyHandler read = this.readReadyHandler;
		if (read != null) {
			read.forceTermination();
		}
		WriteReadyHandler write = this.writeReadyHandler;
		if (write != null) {
			write.forceTermination();
		}
	}

	@Override
	void terminated() {
		readTerminated();
		writeTerminated();
	}

	@Override
	public XnioWorker getWorker() {
		return getWorkerThread().getWorker();
	}

	// Reading

	@Override
	public int read(ByteBuffer dst) throws IOException {
		int read;
		try {
			read = this.channel.read(dst);
		}
		catch (ClosedChannelException ex) {
			return -1;
		}
		if (read == -1) {
			terminateReads();
		}
		return read;
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		if (length == 1) {
			return read(dsts[offset]);
		}
		long read;
		try {
			read = this.channel.read(dsts, offset, length);
		}
		catch (ClosedChannelException ex) {
			return -1;
		}
		if (read == -1) {
			terminateReads();
		}
		return read;
	}

	@Override
	public long transferTo(long position, long count, FileChannel target) throws IOException {
		return target.transferFrom(this.channel, position, count);
	}

	@Override
	public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
		return Conduits.transfer(this, count, throughBuffer, target);
	}

	@Override
	public void terminateReads() throws IOException {
		if (!this.connection.readClosed()) {
			return;
		}
		this.readsResumed = false;
		try {
			if (getSelectionKey().isValid()) {
				suspend(SelectionKey.OP_READ);
			}
			if (this.channel.isOpen()) {
				this.channel.shutdownInput();
			}
		}
		catch (ClosedChannelException ex) {
			// closed meanwhile: nothing left to shut down
		}
		finally {
			readTerminated();
		}
	}

	private void readTerminated() {
		ReadReadyHandler handler = this.readReadyHandler;
		if (handler != null) {
			handler.terminated();
		}
	}

	@Override
	public boolean isReadShutdown() {
		return this.connection.isReadShutdown();
	}

	/**
	 * Sets the selector's read interest only if a suspension has dropped it: after a
	 * keep-alive response, the thread that wrote it resumes reads and usually finds the
	 * interest still set, so the I/O thread need not be woken just to re-register it.
	 */
	@Override
	public void resumeReads() {
		this.readsResumed = true;
		resume(SelectionKey.OP_READ);
	}

	/**
	 * Suspends reads without touching the selector. Undertow suspends reads for every
	 * request it dispatches and resumes them when the response is done, from a worker
	 * thread; on a keep-alive connection nothing arrives in between, as the peer waits
	 * for the response. Dropping the interest eagerly would cost two selector updates and
	 * a wake-up of the I/O thread per request. If data does arrive in between, the
	 * selector reports it once and {@link #handleReady(int)} drops the interest then.
	 */
	@Override
	public void suspendReads() {
		this.readsResumed = false;
	}

	@Override
	public void wakeupReads() {
		this.readsResumed = true;
		wakeup(SelectionKey.OP_READ);
	}

	@Override
	public boolean isReadResumed() {
		return this.readsResumed;
	}

	@Override
	public void awaitReadable() throws IOException {
		Xnio.checkBlockingAllowed();
		SelectorUtils.await(xnio(), this.channel, SelectionKey.OP_READ);
	}

	@Override
	public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
		Xnio.checkBlockingAllowed();
		SelectorUtils.await(xnio(), this.channel, SelectionKey.OP_READ, time, timeUnit);
	}

	@Override
	public XnioIoThread getReadThread() {
		return getWorkerThread();
	}

	@Override
	public void setReadReadyHandler(ReadReadyHandler handler) {
		this.readReadyHandler = handler;
	}

	// Writing

	@Override
	public int write(ByteBuffer src) throws IOException {
		return this.channel.write(src);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		return (length == 1) ? write(srcs[offset]) : this.channel.write(srcs, offset, length);
	}

	@Override
	public int writeFinal(ByteBuffer src) throws IOException {
		return Conduits.writeFinalBasic(this, src);
	}

	@Override
	public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
		return Conduits.writeFinalBasic(this, srcs, offset, length);
	}

	@Override
	public long transferFrom(FileChannel src, long position, long count) throws IOException {
		return src.transferTo(position, count, this.channel);
	}

	@Override
	public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
		return Conduits.transfer(source, count, throughBuffer, this);
	}

	@Override
	public boolean flush() {
		return true;
	}

	@Override
	public void terminateWrites() throws IOException {
		if (!this.connection.writeClosed()) {
			return;
		}
		try {
			if (getSelectionKey().isValid()) {
				suspend(SelectionKey.OP_WRITE);
			}
			if (this.channel.isOpen()) {
				this.channel.shutdownOutput();
			}
		}
		catch (ClosedChannelException ex) {
			// closed meanwhile: nothing left to shut down
		}
		finally {
			writeTerminated();
		}
	}

	@Override
	public void truncateWrites() throws IOException {
		terminateWrites();
	}

	private void writeTerminated() {
		WriteReadyHandler handler = this.writeReadyHandler;
		if (handler != null) {
			handler.terminated();
		}
	}

	@Override
	public boolean isWriteShutdown() {
		return this.connection.isWriteShutdown();
	}

	@Override
	public void resumeWrites() {
		resume(SelectionKey.OP_WRITE);
	}

	@Override
	public void suspendWrites() {
		suspend(SelectionKey.OP_WRITE);
	}

	@Override
	public void wakeupWrites() {
		wakeup(SelectionKey.OP_WRITE);
	}

	@Override
	public boolean isWriteResumed() {
		return isResumed(SelectionKey.OP_WRITE);
	}

	@Override
	public void awaitWritable() throws IOException {
		Xnio.checkBlockingAllowed();
		if (!isWriteShutdown()) {
			SelectorUtils.await(xnio(), this.channel, SelectionKey.OP_WRITE);
		}
	}

	@Override
	public void awaitWritable(long time, TimeUnit timeUnit) throws IOException {
		Xnio.checkBlockingAllowed();
		if (!isWriteShutdown()) {
			SelectorUtils.await(xnio(), this.channel, SelectionKey.OP_WRITE, time, timeUnit);
		}
	}

	@Override
	public XnioIoThread getWriteThread() {
		return getWorkerThread();
	}

	@Override
	public void setWriteReadyHandler(WriteReadyHandler handler) {
		this.writeReadyHandler = handler;
	}

	private NioXnio xnio() {
		return (NioXnio) getWorker().getXnio();
	}

}
