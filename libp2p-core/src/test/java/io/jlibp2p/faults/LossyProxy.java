package io.jlibp2p.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that gives each direction a one-way delay, and delays a share
 * of the segments it forwards by one more retransmission timeout, as TCP experiences
 * packet loss (a lost segment arrives an RTO later, and everything behind it waits). It
 * stands in for {@code tc netem}, which cannot be loaded in this sandbox.
 */
final class LossyProxy implements AutoCloseable {

	/** Linux's smallest retransmission timeout: what one lost segment costs. */
	private static final long RETRANSMISSION_MILLIS = 200;

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final long delayMillis;

	private final double loss;

	private final Random random = new Random(7);

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	/**
	 * Starts the proxy.
	 * @param target where to forward connections
	 * @param delayMillis the one-way delay of each direction
	 * @param loss the share of segments that arrive one retransmission timeout late
	 */
	LossyProxy(InetSocketAddress target, long delayMillis, double loss) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.target = target;
		this.delayMillis = delayMillis;
		this.loss = loss;
		daemon("proxy-accept", this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket inbound = this.server.accept();
				Socket outbound = new Socket(this.target.getAddress(), this.target.getPort());
				inbound.setTcpNoDelay(true);
				outbound.setTcpNoDelay(true);
				this.sockets.add(inbound);
				this.sockets.add(outbound);
				pipe(inbound, outbound);
				pipe(outbound, inbound);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pipe(Socket from, Socket to) throws IOException {
		BlockingQueue<Segment> inFlight = new LinkedBlockingQueue<>();
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		daemon("proxy-read", () -> {
			byte[] buffer = new byte[16 * 1024];
			long lastDue = 0;
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.delayMillis);
					if (nextLost()) {
						due += TimeUnit.MILLISECONDS.toNanos(RETRANSMISSION_MILLIS);
					}
					lastDue = Math.max(lastDue, due);
					inFlight.add(new Segment(Arrays.copyOf(buffer, read), lastDue));
				}
			}
			catch (IOException ex) {
				// the connection ended
			}
			inFlight.add(Segment.END);
		});
		daemon("proxy-write", () -> {
			try {
				while (true) {
					Segment segment = inFlight.take();
					if (segment == Segment.END) {
						to.shutdownOutput();
						return;
					}
					long wait = segment.due() - System.nanoTime();
					if (wait > 0) {
						// the link's delay: this is what the proxy is for
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					out.write(segment.bytes());
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
		});
	}

	private synchronized boolean nextLost() {
		return this.random.nextDouble() < this.loss;
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private record Segment(byte[] bytes, long due) {

		static final Segment END = new Segment(new byte[0], 0);

	}

}
