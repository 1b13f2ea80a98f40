package io.jlibp2p.security.pnet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.codec.ChannelTimer;

/**
 * Protects a raw connection with a private network's key: writes this side's 24-byte
 * nonce, then XSalsa20 over every byte each way (keyed with the pre-shared key and the
 * writer's nonce), as go's and js's pnet do. Everything above it, multistream-select
 * included, sees plain bytes.
 *
 * <p>
 * Every libp2p connection starts with multistream-select's header, so the first 20 bytes
 * the peer sends after its nonce are known: if they do not decrypt to that header, the
 * peer has another key (or none), and the connection fails at once with a
 * {@link PnetException} instead of as a garbled negotiation. A peer that does not send
 * its nonce and header within the timeout fails too. One instance per channel.
 */
public final class PnetHandler extends ChannelDuplexHandler {

	/** The nonce's length (XSalsa20's). */
	public static final int NONCE_LENGTH = 24;

	private static final Logger logger = LoggerFactory.getLogger(PnetHandler.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** multistream-select's header, length-prefixed: what the peer sends first. */
	private static final byte[] EXPECTED = "\u0013/multistream/1.0.0\n".getBytes(StandardCharsets.US_ASCII);

	private final PreSharedKey key;

	private final Duration timeout;

	private final Consumer<PnetException> failed;

	private final XSalsa20Engine outbound = new XSalsa20Engine();

	private final XSalsa20Engine inbound = new XSalsa20Engine();

	private final ChannelTimer timer = new ChannelTimer();

	/** The peer's nonce and then its first plain bytes, until the header is checked. */
	private final ByteBuf prefix = Unpooled.buffer(NONCE_LENGTH + EXPECTED.length);

	private boolean started;

	private boolean inboundKeyed;

	private boolean verified;

	private boolean failedAlready;

	/**
	 * Creates the handler.
	 * @param key the network's key
	 * @param timeout how long the peer has for its nonce and header
	 * @param failed told once if the peer has another key or is too slow, before the
	 * channel closes
	 */
	public PnetHandler(PreSharedKey key, Duration timeout, Consumer<PnetException> failed) {
		this.key = key;
		this.timeout = timeout;
		this.failed = failed;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		start(ctx);
		ctx.fireChannelActive();
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.started) {
			return;
		}
		this.started = true;
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		this.outbound.init(true, new ParametersWithIV(new KeyParameter(this.key.bytes()), nonce));
		this.timer.start(ctx, this.timeout, () -> fail(ctx,
				"the peer sent no private network nonce and header within " + this.timeout.toMillis() + " ms"));
		ctx.writeAndFlush(Unpooled.wrappedBuffer(nonce));
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (!(msg instanceof ByteBuf plain)) {
			ctx.write(msg, promise);
			return;
		}
		ByteBuf sealed;
		try {
			sealed = xor(ctx, this.outbound, plain);
		}
		finally {
			plain.release();
		}
		ctx.write(sealed, promise);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf data = (ByteBuf) msg;
		if (this.verified) {
			try {
				ctx.fireChannelRead(xor(ctx, this.inbound, data));
			}
			finally {
				data.release();
			}
			return;
		}
		try {
			readPrefix(ctx, data);
		}
		finally {
			data.release();
		}
	}

	/** Reads the peer's nonce, then checks what its first bytes decrypt to. */
	private void readPrefix(ChannelHandlerContext ctx, ByteBuf data) {
		if (this.failedAlready) {
			return;
		}
		if (!this.inboundKeyed) {
			this.prefix.writeBytes(data, Math.min(data.readableBytes(), NONCE_LENGTH - this.prefix.readableBytes()));
			if (this.prefix.readableBytes() < NONCE_LENGTH) {
				return;
			}
			byte[] nonce = new byte[NONCE_LENGTH];
			this.prefix.readBytes(nonce);
			this.prefix.clear();
			this.inbound.init(false, new ParametersWithIV(new KeyParameter(this.key.bytes()), nonce));
			this.inboundKeyed = true;
		}
		ByteBuf plain = xor(ctx, this.inbound, data);
		try {
			this.prefix.writeBytes(plain);
		}
		finally {
			plain.release();
		}
		int checked = Math.min(this.prefix.readableBytes(), EXPECTED.length);
		for (int i = 0; i < checked; i++) {
			if (this.prefix.getByte(i) != EXPECTED[i]) {
				fail(ctx, "the peer is not in this private network: another pre-shared key, or none");
				return;
			}
		}
		if (checked == EXPECTED.length) {
			this.verified = true;
			this.timer.cancel();
			ByteBuf first = ctx.alloc().buffer(this.prefix.readableBytes()).writeBytes(this.prefix);
			this.prefix.clear();
			ctx.fireChannelRead(first);
		}
	}

	/** XORs the cipher's key stream over what is readable, into a new heap buffer. */
	private static ByteBuf xor(ChannelHandlerContext ctx, XSalsa20Engine cipher, ByteBuf in) {
		int length = in.readableBytes();
		ByteBuf out = ctx.alloc().heapBuffer(length);
		byte[] source = in.hasArray() ? in.array() : ByteBufUtil.getBytes(in);
		int offset = in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
		cipher.processBytes(source, offset, length, out.array(), out.arrayOffset() + out.writerIndex());
		out.writerIndex(out.writerIndex() + length);
		in.skipBytes(length);
		return out;
	}

	private void fail(ChannelHandlerContext ctx, String reason) {
		if (this.failedAlready) {
			return;
		}
		this.failedAlready = true;
		this.timer.cancel();
		logger.debug("private network check on {} failed: {}", ctx.channel(), reason);
		try {
			this.failed.accept(new PnetException(reason));
		}
		finally {
			ctx.close();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!this.verified) {
			// Before the check, a peer that hangs up most likely has another key or none:
			// it could not read this side's first bytes.
			fail(ctx, "the peer closed the connection before proving it is in this private network");
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		this.timer.cancel();
		this.prefix.release();
	}

}
