package dev.tether.control.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyOutputTest {
  private static final String AGENT = "5d3c2b1a-0000-4000-8000-000000000001";
  @TempDir Path dir;
  private ControlService service;
  private ReplyOutput output;
  private Session session;

  @BeforeEach
  void start() {
    service = ControlService.open(dir, ControlService.Config.defaults());
    output = new ReplyOutput(service);
    session = service.claimAgentSession(AGENT, "claude_code", dir.toString(), null);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private List<SessionEvent.Output> outputs() throws InterruptedException {
    List<SessionEvent.Output> out = List.of();
    for (int i = 0; i < 100; i++) {
      out = service.events(session.id(), 0, 1000).stream().map(Event::body)
          .filter(SessionEvent.Output.class::isInstance).map(SessionEvent.Output.class::cast).toList();
      if (!out.isEmpty() && out.getLast().isFinal() == Boolean.TRUE && out.size() >= 2) {
        break;
      }
      Thread.sleep(20);
    }
    return out;
  }

  @Test
  void aSlowBlockStreamsInPiecesThatJoinIntoItsText() throws Exception {
    ReplyOutput.Reply reply = output.open(AGENT);
    reply.event(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", new Usage(30, 0, 0, 0))));
    reply.event(new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", null)));
    reply.event(new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("pondering")));
    reply.event(new StreamEvent.ContentBlockStop(0));
    reply.event(new StreamEvent.ContentBlockStart(1, new ContentBlock.Text("")));
    reply.event(new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("Hello, ")));
    Thread.sleep(ReplyOutput.CHUNK_EVERY.toMillis() + 100);
    reply.event(new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("world")));
    reply.event(new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("!")));
    reply.event(new StreamEvent.ContentBlockStop(1));
    reply.event(new StreamEvent.MessageDelta(StopReason.END_TURN, null, new Usage(null, 5, null, null)));
    reply.event(new StreamEvent.MessageStop());
    reply.end();
    Thread.sleep(300);
    List<SessionEvent.Output> out = outputs();
    assertThat(out.getFirst().kind()).isEqualTo("thinking");
    assertThat(out.getFirst().text()).isEqualTo("pondering");
    assertThat(out.getFirst().isFinal()).isTrue();
    List<SessionEvent.Output> text = out.stream().filter(o -> o.kind().equals("text")).toList();
    assertThat(text).hasSizeGreaterThanOrEqualTo(2);
    assertThat(text.subList(0, text.size() - 1)).allMatch(o -> o.isFinal() == Boolean.FALSE);
    assertThat(text.getLast().isFinal()).isTrue();
    assertThat(String.join("", text.stream().map(SessionEvent.Output::text).toList())).isEqualTo("Hello, world!");
    assertThat(service.session(session.id()).usage().inputTokens()).isEqualTo(30);
    assertThat(service.session(session.id()).usage().outputTokens()).isEqualTo(5);
  }

  @Test
  void aReplyForAnUnboundAgentSessionIsIgnored() throws Exception {
    ReplyOutput.Reply reply = output.open("not-bound");
    reply.event(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
    reply.event(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("lost")));
    reply.event(new StreamEvent.ContentBlockStop(0));
    reply.end();
    Thread.sleep(300);
    assertThat(service.sessions(dev.tether.control.session.SessionQuery.all()).sessions()).hasSize(1);
    assertThat(service.events(session.id(), 0, 100)).noneMatch(e -> e.body() instanceof SessionEvent.Output);
  }
}
