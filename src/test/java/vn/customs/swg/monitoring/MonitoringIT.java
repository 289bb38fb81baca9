package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.TestMessages;

/**
 * What an operator's probe, scraper and log pipeline see of a running gateway, on the management
 * port: readiness with each of its components, the message counters and flow timers in the
 * Prometheus text after real submissions, and log lines that name the message and partner. The
 * gateway of {@link vn.customs.swg.testsupport.EndToEndTest} with metrics export on (Boot's tests
 * turn it off by default), hence a context and broker of its own.
 */
@ActiveProfiles("dev")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:swg-monitoring;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.persistent=false",
    "spring.artemis.embedded.server-id=25"
})
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class MonitoringIT {

  private static final DevPartner VCB = DevPartner.load("vcb");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;

  private GatewayClient gateway;
  private GatewayClient management;

  @BeforeEach
  void setUp() {
    gateway = new GatewayClient(port);
    management = new GatewayClient(managementPort);
    new BackendQueues(jmsTemplate, broker).clearAll();
  }

  @Test
  void readinessIsUpAndShowsEachComponentItDependsOn() throws Exception {
    HttpResponse<String> response = management.get("/actuator/health/readiness");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode readiness = new ObjectMapper().readTree(response.body());
    assertThat(readiness.get("status").asText()).isEqualTo("UP");
    List<String> components = new ArrayList<>();
    readiness.get("components").fieldNames().forEachRemaining(components::add);
    assertThat(components).containsExactlyInAnyOrder("readinessState", "db", "jms", "gatewayKey", "trust");
    readiness.get("components").forEach(component -> assertThat(component.get("status").asText()).isEqualTo("UP"));
    assertThat(management.get("/actuator/health/liveness").body()).doesNotContain("db", "jms");
  }

  @Test
  void prometheusCountsAnAcceptedAndARejectedMessageUnderTheirPartnerTypeAndOutcome() {
    Map<String, String> accepted = labels("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "ACCEPTED", "none");
    Map<String, String> rejected = labels("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "REJECTED", "SWG-SEC-002");
    List<Sample> before = scrape();

    assertThat(gateway.submit(TestMessages.signed("TAX_PAYMENT_NOTICE", VCB)).receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(gateway.submit(XmlOutput.toBytes(tampered())).errorCodes()).containsExactly("SWG-SEC-002");
    List<Sample> after = scrape();

    assertThat(value(after, "swg_messages_total", accepted) - value(before, "swg_messages_total", accepted))
        .isEqualTo(1.0);
    assertThat(value(after, "swg_messages_total", rejected) - value(before, "swg_messages_total", rejected))
        .isEqualTo(1.0);
    // both went through signature verification; only the accepted one reached the queue send
    Map<String, String> verify = Map.of("flow", "inbound", "step", "senderAuthentication.verifySignature");
    Map<String, String> dispatch = Map.of("flow", "inbound", "step", "toD:jms");
    assertThat(value(after, "swg_flow_step_seconds_count", verify) - value(before, "swg_flow_step_seconds_count", verify))
        .isEqualTo(2.0);
    assertThat(value(after, "swg_flow_step_seconds_count", dispatch)
        - value(before, "swg_flow_step_seconds_count", dispatch)).isEqualTo(1.0);
    assertThat(names(after)).contains("swg_flow_seconds_bucket", "swg_certificate_expiry_days", "swg_deadletters",
        "swg_deadletters_queue");
    // every outbound step is listed before any outbound message went through
    assertThat(after).filteredOn(s -> s.name().equals("swg_flow_step_seconds_count")
            && "outbound".equals(s.labels().get("flow")))
        .extracting(s -> s.labels().get("step"))
        .contains("outboundValidation.validate", "correlation.correlate", "outboundSigning.counterSign",
            "outboundRecording.record", "queueDelivery.delivered");
  }

  @Test
  void aLogLineDuringProcessingNamesThePartnerAndTheMessage(CapturedOutput output) {
    Document document = tampered();
    String messageId = TestMessages.messageId(document);

    gateway.submit(XmlOutput.toBytes(document));

    assertThat(output.getOut().lines().filter(line -> line.contains("rejected InboundMessage")))
        .anySatisfy(line -> assertThat(line).contains("[vcb " + messageId + "] "));
  }

  /** A notice signed by vcb whose Body was changed afterwards: rejected SWG-SEC-002. */
  private static Document tampered() {
    Document document = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), VCB);
    Element amount = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "totalAmount").item(0);
    amount.setTextContent(amount.getTextContent() + "0");
    return document;
  }

  private static Map<String, String> labels(String direction, String partner, String type, String outcome, String code) {
    return Map.of("direction", direction, "partner", partner, "type", type, "outcome", outcome, "code", code);
  }

  /** One line of the Prometheus text format. */
  private record Sample(String name, Map<String, String> labels, double value) {}

  private List<Sample> scrape() {
    HttpResponse<String> response = management.get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("a Prometheus sample: %s", line).isTrue();
      Map<String, String> labels = new TreeMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    });
    return samples;
  }

  /** The sample with exactly these labels; 0 while the series does not exist yet. */
  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
        .mapToDouble(Sample::value).findFirst().orElse(0.0);
  }

  private static List<String> names(List<Sample> samples) {
    return samples.stream().map(Sample::name).distinct().toList();
  }
}
