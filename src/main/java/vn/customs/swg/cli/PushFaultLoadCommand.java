package vn.customs.swg.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;

/**
 * {@code fault-push}: the outbound row of the reliability suite (bench/reliability.sh). Plays the
 * back-end: puts fresh copies of an outbound example (its refToMessageId removed) on swg.outbound
 * at a steady rate while a fault command runs (the partner's endpoint stopped for a while), then
 * reads the output of the partner's {@code serve} until the partner holds every message or the wait
 * is over, and prints one line: sent, delivered, duplicates, lost, resends ({@link PushTally}).
 * Exit 0 only when the partner holds each message exactly once.
 */
@Command(name = "fault-push", sortOptions = false,
    description = "Reliability-suite row for outbound push: back-end messages, a fault, what the partner's serve received.")
final class PushFaultLoadCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--name", defaultValue = "partner-down", description = "The row's name in the output.")
  String name;

  @Option(names = "--broker", required = true, description = "The gateway's broker (swg.outbound).")
  String broker;

  @Option(names = "--example", defaultValue = "schemas/bank/tax-payment-confirmation/example.xml",
      description = "Outbound envelope the back-end sends, as a template (default: ${DEFAULT-VALUE}).")
  Path example;

  @Option(names = "--messages", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--rate", defaultValue = "5", description = "Messages per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--fault", description = "Shell command run during the sending (its own recovery included).")
  String fault;

  @Option(names = "--fault-at", defaultValue = "2s", converter = DurationConverter.class,
      description = "When the fault command starts (default: ${DEFAULT-VALUE}).")
  Duration faultAt;

  @Option(names = "--received", required = true, description = "Standard output of the partner's serve.")
  Path received;

  @Option(names = "--wait-for", defaultValue = "240s", converter = DurationConverter.class,
      description = "Longest wait for every message to arrive (default: ${DEFAULT-VALUE}).")
  Duration waitFor;

  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();

  @Override
  public Integer call() throws Exception {
    byte[] template = Files.readAllBytes(example);
    List<String> sent = new ArrayList<>();
    var faultRun = FaultCommand.start(fault, faultAt);
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker);
        Connection connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("swg.outbound"))) {
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        long due = start + (long) (i * 1e9 / rate);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
        Document envelope = parser.parse(template);
        Element refTo = EnvelopeParts.find(envelope, "Header", "Reference", "refToMessageId");
        if (refTo != null) {
          refTo.getParentNode().removeChild(refTo);
        }
        sent.add(FreshReference.apply(envelope, cli.clock));
        producer.send(session.createTextMessage(new String(XmlOutput.toBytes(envelope), StandardCharsets.UTF_8)));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot put the back-end messages on swg.outbound at " + broker, e);
    }
    int faultExit = faultRun.get(15, TimeUnit.MINUTES);

    PushTally tally;
    long deadline = System.nanoTime() + waitFor.toNanos();
    do {
      Thread.sleep(1000);
      tally = read();
    } while (tally.delivered(sent) < sent.size() && System.nanoTime() < deadline);

    long delivered = tally.delivered(sent);
    long duplicates = tally.duplicates(sent);
    long lost = sent.size() - delivered;
    boolean passed = lost == 0 && duplicates == 0 && faultExit == 0;
    // columns: sent, accepted (put on swg.outbound), on queue (held by the partner), duplicates,
    // lost, unexpected, unacked, resends (pushes the partner answered again)
    cli.out.printf("ROW\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s%n", name, sent.size(), sent.size(), delivered,
        duplicates, lost, 0, lost, tally.resends(sent), passed ? "ok" : "FAIL");
    return passed ? PartnerCli.OK : PartnerCli.FAILED;
  }

  private PushTally read() throws IOException {
    return PushTally.of(Files.exists(received) ? Files.readAllLines(received, StandardCharsets.UTF_8) : List.of());
  }
}
