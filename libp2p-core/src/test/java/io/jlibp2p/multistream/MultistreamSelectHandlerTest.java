package io.jlibp2p.multistream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jlibp2p.testing.EmbeddedPair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultistreamSelectHandlerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Outcome dialerOutcome = new Outcome();

	private final Outcome listenerOutcome = new Outcome();

	@Test
	void dialerPipelinesHeaderAndProposalExactlyAsTheSpecShows() {
		EmbeddedChannel dialer = new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/noise"), TIMEOUT, this.dialerOutcome));
		ByteBuf header = dialer.readOutbound();
		ByteBuf proposal = dialer.readOutbound();
		assertThat(ByteBufUtil.hexDump(header)).isEqualTo("132f6d756c746973747265616d2f312e302e300a");
		assertThat(ByteBufUtil.hexDump(proposal)).isEqualTo("072f6e6f6973650a");
		header.release();
		proposal.release();
		assertThat(dialer.finishAndReleaseAll()).isFalse();
	}

	@Test
	void agreesOnTheFirstSupportedProposalAfterNa() {
		EmbeddedChannel dialer = new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/tls/1.0.0", "/noise"), TIMEOUT, this.dialerOutcome));
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise", "/yamux/1.0.0"), TIMEOUT, this.listenerOutcome));
		EmbeddedPair.exchange(dialer, listener);
		assertThat(this.dialerOutcome.protocols).containsExactly("/noise");
		assertThat(this.listenerOutcome.protocols).containsExactly("/noise");
		assertThat(dialer.pipeline().get(MultistreamSelectHandler.class)).isNull();
		assertThat(listener.pipeline().get(MultistreamSelectHandler.class)).isNull();
		assertThat(dialer.isOpen()).isTrue();
		dialer.finishAndReleaseAll();
		listener.finishAndReleaseAll();
	}

	@Test
	void handsBytesAfterTheAgreementToTheNextHandler() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/echo"), TIMEOUT, this.listenerOutcome));
		ByteBuf input = Unpooled.buffer();
		input.writeBytes(HexFormat.of().parseHex("132f6d756c746973747265616d2f312e302e300a"));
		input.writeBytes(HexFormat.of().parseHex("062f6563686f0a"));
		input.writeBytes("early data".getBytes(StandardCharsets.US_ASCII));
		listener.writeInbound(input);
		assertThat(this.listenerOutcome.protocols).containsExactly("/echo");
		ByteBuf early = listener.readInbound();
		assertThat(early.toString(StandardCharsets.US_ASCII)).isEqualTo("early data");
		early.release();
		listener.finishAndReleaseAll();
	}

	@Test
	void listsSupportedProtocolsOnLs() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/echo"), TIMEOUT, this.listenerOutcome));
		((ByteBuf) listener.readOutbound()).release();
		listener.writeInbound(MultistreamMessages.encode(listener.alloc(), MultistreamMessages.PROTOCOL_ID));
		listener.writeInbound(MultistreamMessages.encode(listener.alloc(), MultistreamMessages.LS));
		ByteBuf list = listener.readOutbound();
		assertThat(ByteBufUtil.hexDump(list)).isEqualTo("08" + "062f6563686f0a" + "0a");
		list.release();
		assertThat(listener.isOpen()).isTrue();
		listener.finishAndReleaseAll();
	}

	@Test
	void aListenerCutsOffADialerThatProposesForever() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/echo"), TIMEOUT, this.listenerOutcome));
		listener.writeInbound(MultistreamMessages.encode(listener.alloc(), MultistreamMessages.PROTOCOL_ID));
		for (int i = 0; i <= MultistreamSelectHandler.MAX_PROPOSALS && listener.isOpen(); i++) {
			listener.writeInbound(MultistreamMessages.encode(listener.alloc(), "/unknown/" + i));
		}
		assertThat(this.listenerOutcome.failures).containsExactly("peer made more than 32 proposals");
		assertThat(listener.isOpen()).isFalse();
		int answers = 0;
		ByteBuf answer;
		while ((answer = listener.readOutbound()) != null) {
			answers++;
			answer.release();
		}
		assertThat(answers).as("the header and one na per answered proposal").isEqualTo(1 + 32);
		listener.finishAndReleaseAll();
	}

	@Test
	void dialerGivesUpWhenNothingIsSupported() {
		EmbeddedChannel dialer = new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/a", "/b"), TIMEOUT, this.dialerOutcome));
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/c"), TIMEOUT, this.listenerOutcome));
		EmbeddedPair.exchange(dialer, listener);
		assertThat(this.dialerOutcome.failures).containsExactly("peer supports none of [/a, /b]");
		assertThat(dialer.isOpen()).isFalse();
		dialer.finishAndReleaseAll();
		listener.finishAndReleaseAll();
	}

	@Test
	void closesOnAPeerThatDoesNotSpeakMultistream() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise"), TIMEOUT, this.listenerOutcome));
		listener.writeInbound(Unpooled
			.wrappedBuffer(("GET / HTTP/1.1\r\nUser-Agent: " + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII)));
		assertThat(this.listenerOutcome.failures).singleElement()
			.asString()
			.startsWith("malformed multistream message");
		assertThat(listener.isOpen()).isFalse();
		listener.finishAndReleaseAll();
	}

	@Test
	void closesOnAWrongHeader() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise"), TIMEOUT, this.listenerOutcome));
		listener.writeInbound(MultistreamMessages.encode(listener.alloc(), "/multistream/2.0.0"));
		assertThat(this.listenerOutcome.failures)
			.containsExactly("peer did not start with /multistream/1.0.0 but sent '/multistream/2.0.0'");
		listener.finishAndReleaseAll();
	}

	@Test
	void refusesOverLongMessagesBeforeTheyArrive() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise"), TIMEOUT, this.listenerOutcome));
		listener.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("8108")));
		assertThat(this.listenerOutcome.failures).singleElement().asString().contains("exceeds the limit of 1024");
		assertThat(listener.isOpen()).isFalse();
		listener.finishAndReleaseAll();
	}

	@Test
	void waitsForMessagesSplitAcrossReads() {
		EmbeddedChannel listener = new EmbeddedChannel(
				MultistreamSelectHandler.listener(Set.of("/noise"), TIMEOUT, this.listenerOutcome));
		byte[] all = HexFormat.of().parseHex("132f6d756c746973747265616d2f312e302e300a072f6e6f6973650a");
		for (byte b : all) {
			listener.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
		}
		assertThat(this.listenerOutcome.protocols).containsExactly("/noise");
		listener.finishAndReleaseAll();
	}

	@Test
	void timesOut() {
		EmbeddedChannel dialer = new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/noise"), TIMEOUT, this.dialerOutcome));
		dialer.advanceTimeBy(11, TimeUnit.SECONDS);
		dialer.runScheduledPendingTasks();
		assertThat(this.dialerOutcome.failures).containsExactly("negotiation timed out after 10000 ms");
		assertThat(dialer.isOpen()).isFalse();
		dialer.finishAndReleaseAll();
	}

	@Test
	void reportsAClosedChannel() {
		EmbeddedChannel dialer = new EmbeddedChannel(
				MultistreamSelectHandler.dialer(List.of("/noise"), TIMEOUT, this.dialerOutcome));
		dialer.close();
		assertThat(this.dialerOutcome.failures).containsExactly("channel closed during negotiation");
		dialer.finishAndReleaseAll();
	}

	private static final class Outcome implements NegotiationListener {

		private final List<String> protocols = new ArrayList<>();

		private final List<String> failures = new ArrayList<>();

		@Override
		public void negotiated(ChannelHandlerContext ctx, String protocol) {
			this.protocols.add(protocol);
		}

		@Override
		public void failed(ChannelHandlerContext ctx, MultistreamException cause) {
			this.failures.add(cause.getMessage());
		}

	}

}
