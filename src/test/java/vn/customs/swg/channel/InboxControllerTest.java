package vn.customs.swg.channel;

import vn.customs.swg.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The pull inbox over MockMvc, on a real message and delivery store (in-memory H2 with the Flyway
 * migrations) and a partner directory of the dev PKI: moit and vcb pull, asw-id is pushed to.
 */
class InboxControllerTest {

  private static final String MOIT_TOKEN = "moit-pull-token-0123456789";
  private static final String VCB_TOKEN = "vcb-pull-token-0123456789";
  // An HTTP partner with a pull-token configured all the same: it must not open any inbox.
  private static final String ASW_TOKEN = "asw-pull-token-0123456789";

  private final Clock clock = Clock.system(ZoneId.of("Asia/Ho_Chi_Minh"));
  private final JdbcTemplate jdbc = database();
  private final MessageStore messages =
      new MessageStore(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), clock, "swg-node-1");
  private final DeliveryStore deliveries =
      new DeliveryStore(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), clock, "swg-node-1");
  private final PartnerDirectory directory = new PartnerDirectory(() -> new PartnerRegistry(Map.of(
      "moit", partner(PartyKind.MINISTRY, "BCT", "gov-ca", "moit", PartnerChannel.PULL, MOIT_TOKEN),
      "vcb", partner(PartyKind.BANK, "01203001", "public-ca", "vcb", PartnerChannel.PULL, VCB_TOKEN),
      "asw-id", partner(PartyKind.ASW_PARTNER, "ID", "asw-id-ca", "asw-id", PartnerChannel.HTTP, ASW_TOKEN)),
      catalogue()), clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final OutcomeCounters counters = new OutcomeCounters(meters, directory, catalogue());
  private final InboxController controller = new InboxController(directory, deliveries, messages, counters);
  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).build();
  private final ObjectMapper json = new ObjectMapper();
  private int sequence;

  @Test
  void listsOnlyTheTokensPartnersPendingEnvelopesOldestFirst() throws Exception {
    StoredMessage first = pull("moit", "DOSSIER_STATUS");
    StoredMessage second = pull("moit", "DOSSIER_STATUS");
    pull("vcb", "TAX_PAYMENT_CONFIRMATION");
    pushed("asw-id");

    JsonNode inbox = inbox(MOIT_TOKEN, null);

    assertThat(ids(inbox)).containsExactly(first.messageId(), second.messageId());
    JsonNode message = inbox.get("messages").get(0);
    assertThat(message.get("messageType").asText()).isEqualTo("DOSSIER_STATUS");
    assertThat(Base64.getDecoder().decode(message.get("envelope").asText()))
        .isEqualTo(messages.signedBytes(first.id()).orElseThrow());
    assertThat(ids(inbox(VCB_TOKEN, null))).hasSize(1).doesNotContain(first.messageId());
  }

  @Test
  void aWrongMissingOrForeignTokenIsTheSameBare401() throws Exception {
    pull("moit", "DOSSIER_STATUS");
    List<MockHttpServletRequestBuilder> refused = List.of(
        get("/api/v1/inbox"),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN + "x"),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN.substring(1)),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer "),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, MOIT_TOKEN),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Basic " + MOIT_TOKEN),
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + ASW_TOKEN),
        get("/api/v1/inbox?limit=nonsense").header(HttpHeaders.AUTHORIZATION, "Bearer wrong"));
    for (MockHttpServletRequestBuilder request : refused) {
      MvcResult result = mvc.perform(request)
          .andExpect(status().isUnauthorized())
          .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"swg-inbox\""))
          .andReturn();
      assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
    }
  }

  @Test
  void theSchemeIsCaseInsensitiveAndSurroundingSpaceIgnored() throws Exception {
    pull("moit", "DOSSIER_STATUS");

    mvc.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "bearer  " + MOIT_TOKEN + " "))
        .andExpect(status().isOk()).andExpect(jsonPath("$.messages.length()").value(1));
  }

  @Test
  void anAcknowledgedMessageLeavesTheInboxAndIsDelivered() throws Exception {
    StoredMessage first = pull("moit", "DOSSIER_STATUS");
    StoredMessage second = pull("moit", "DOSSIER_STATUS");

    mvc.perform(ack(MOIT_TOKEN, first.messageId())).andExpect(status().isNoContent());

    assertThat(ids(inbox(MOIT_TOKEN, null))).containsExactly(second.messageId());
    assertThat(messages.find(first.id()).orElseThrow().state()).isEqualTo(DeliveryStore.DELIVERED);
    // a resent acknowledgement (the partner lost the first answer) is answered the same
    mvc.perform(ack(MOIT_TOKEN, first.messageId())).andExpect(status().isNoContent());
    // ... and counted once: one message delivered by one attempt
    assertThat(meters.get("swg.messages").tags("direction", "OUTBOUND", "partner", "moit", "type", "DOSSIER_STATUS",
        "outcome", "DELIVERED", "code", "none").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("swg.delivery.attempts").tags("partner", "moit", "channel", "PULL", "outcome", "DELIVERED")
        .counter().count()).isEqualTo(1.0);
  }

  @Test
  void whatIsNotAcknowledgedIsOfferedAgain() throws Exception {
    StoredMessage message = pull("moit", "DOSSIER_STATUS");

    assertThat(ids(inbox(MOIT_TOKEN, null))).containsExactly(message.messageId());
    assertThat(ids(inbox(MOIT_TOKEN, null))).containsExactly(message.messageId());
    assertThat(messages.find(message.id()).orElseThrow().state()).isEqualTo(DeliveryStore.DELIVERING);
  }

  @Test
  void acknowledgingAMessageThatIsNotThePartnersPendingPullMessageIs404() throws Exception {
    StoredMessage vcbs = pull("vcb", "TAX_PAYMENT_CONFIRMATION");
    StoredMessage pushed = pushed("asw-id");

    mvc.perform(ack(MOIT_TOKEN, vcbs.messageId())).andExpect(status().isNotFound());
    mvc.perform(ack(MOIT_TOKEN, "TCHQ-UNKNOWN")).andExpect(status().isNotFound());
    mvc.perform(ack(MOIT_TOKEN, "not a message id")).andExpect(status().isNotFound());
    mvc.perform(ack(VCB_TOKEN, pushed.messageId())).andExpect(status().isNotFound());
    mvc.perform(ack("wrong-token", vcbs.messageId())).andExpect(status().isUnauthorized());

    assertThat(ids(inbox(VCB_TOKEN, null))).containsExactly(vcbs.messageId());
  }

  @Test
  void limitPicksTheOldestAndIsCheckedAfterAuthentication() throws Exception {
    StoredMessage first = pull("moit", "DOSSIER_STATUS");
    pull("moit", "DOSSIER_STATUS");

    assertThat(ids(inbox(MOIT_TOKEN, "1"))).containsExactly(first.messageId());
    assertThat(ids(inbox(MOIT_TOKEN, "1000"))).as("capped at 100, not refused").hasSize(2);
    for (String bad : List.of("0", "-1", "ten", "99999999999")) {
      mvc.perform(get("/api/v1/inbox").param("limit", bad).header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN))
          .andExpect(status().isBadRequest());
    }
  }

  @Test
  void defaultPageIsTenAndAnswersAreNotCached() throws Exception {
    for (int i = 0; i < 12; i++) {
      pull("moit", "DOSSIER_STATUS");
    }

    mvc.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN))
        .andExpect(status().isOk())
        .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
        .andExpect(jsonPath("$.messages.length()").value(10));
  }

  @Test
  void aPageStopsAtItsByteBudgetButAlwaysHoldsOneEnvelope() throws Exception {
    StoredMessage first = pull("moit", "DOSSIER_STATUS");
    StoredMessage second = pull("moit", "DOSSIER_STATUS");
    int size = messages.signedBytes(first.id()).orElseThrow().length;
    MockMvc small = MockMvcBuilders.standaloneSetup(
        new InboxController(directory, deliveries, messages, counters, size + size / 2)).build();
    MockMvc tiny = MockMvcBuilders.standaloneSetup(new InboxController(directory, deliveries, messages, counters, 1)).build();

    assertThat(ids(inbox(small, MOIT_TOKEN))).containsExactly(first.messageId());
    assertThat(ids(inbox(tiny, MOIT_TOKEN))).containsExactly(first.messageId());
    mvc.perform(ack(MOIT_TOKEN, first.messageId())).andExpect(status().isNoContent());
    assertThat(ids(inbox(tiny, MOIT_TOKEN))).containsExactly(second.messageId());
  }

  @Test
  void aReloadedTokenReplacesTheOldOne() throws Exception {
    String[] token = {MOIT_TOKEN};
    PartnerDirectory rotating = new PartnerDirectory(() -> new PartnerRegistry(Map.of(
        "moit", partner(PartyKind.MINISTRY, "BCT", "gov-ca", "moit", PartnerChannel.PULL, token[0])),
        catalogue()), clock);
    MockMvc rotatingMvc =
        MockMvcBuilders.standaloneSetup(new InboxController(rotating, deliveries, messages, counters)).build();

    token[0] = "moit-rotated-token-9876543210";
    rotating.reload("test");

    rotatingMvc.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN))
        .andExpect(status().isUnauthorized());
    rotatingMvc.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + token[0]))
        .andExpect(status().isOk());
  }

  @Test
  void aTokenSharedByTwoPartnersOpensNeitherInbox() throws Exception {
    PartnerDirectory shared = new PartnerDirectory(() -> new PartnerRegistry(Map.of(
        "moit", partner(PartyKind.MINISTRY, "BCT", "gov-ca", "moit", PartnerChannel.PULL, MOIT_TOKEN),
        "vcb", partner(PartyKind.BANK, "01203001", "public-ca", "vcb", PartnerChannel.PULL, MOIT_TOKEN)),
        catalogue()), clock);
    MockMvc sharedMvc = MockMvcBuilders.standaloneSetup(new InboxController(shared, deliveries, messages, counters)).build();

    sharedMvc.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + MOIT_TOKEN))
        .andExpect(status().isUnauthorized());
  }

  private JsonNode inbox(String token, String limit) throws Exception {
    MockHttpServletRequestBuilder request =
        get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    if (limit != null) {
      request.param("limit", limit);
    }
    MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
    return json.readTree(result.getResponse().getContentAsByteArray());
  }

  private JsonNode inbox(MockMvc target, String token) throws Exception {
    MvcResult result = target.perform(get("/api/v1/inbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .andExpect(status().isOk()).andReturn();
    return json.readTree(result.getResponse().getContentAsByteArray());
  }

  private static MockHttpServletRequestBuilder ack(String token, String messageId) {
    return post("/api/v1/inbox/{messageId}/ack", messageId).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
  }

  private static List<String> ids(JsonNode inbox) {
    List<String> ids = new ArrayList<>();
    inbox.get("messages").forEach(message -> ids.add(message.get("messageId").asText()));
    return ids;
  }

  /** An outbound message recorded as signed, with a PULL delivery to the partner. */
  private StoredMessage pull(String partnerId, String messageType) {
    StoredMessage message = outbound(partnerId, messageType, "PULL");
    deliveries.create(message.id(), partnerId, DeliveryStore.PULL, null);
    return message;
  }

  private StoredMessage pushed(String partnerId) {
    StoredMessage message = outbound(partnerId, "EFORM_D_STATUS", "HTTP");
    deliveries.create(message.id(), partnerId, DeliveryStore.HTTP, null);
    return message;
  }

  private StoredMessage outbound(String partnerId, String messageType, String channel) {
    String messageId = "TCHQ" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    String xml = "<swg:Envelope xmlns:swg=\"urn:vn:customs:swg:envelope:1\" version=\"1.0\"><!-- " + messageId
        + " #" + (++sequence) + " --></swg:Envelope>";
    byte[] original = xml.getBytes(StandardCharsets.UTF_8);
    byte[] signed = (xml + "<!-- signed -->").getBytes(StandardCharsets.UTF_8);
    return messages.recordOutboundSigned(new OutboundRecord(partnerId, messageId, messageType, "RESULT",
        "BCT", null, null, null, channel, "inbox", "ab".repeat(32), OffsetDateTime.now(clock), original, signed),
        "TCHQ");
  }

  private static JdbcTemplate database() {
    return new JdbcTemplate(MigratedDatabase.inMemory());
  }

  private static MessageTypeCatalogue catalogue() {
    return new MessageTypeCatalogue(Map.of(
        "TAX_PAYMENT_NOTICE", new GatewayProperties.MessageType(GatewayProperties.Direction.INBOUND,
            "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd", null, "customs.payments.in",
            Set.of(PartyKind.BANK)),
        "DOSSIER_STATUS", new GatewayProperties.MessageType(GatewayProperties.Direction.OUTBOUND,
            "schemas/ministry/dossier-status/dossier-status-1.xsd", null, null, Set.of())),
        InboxControllerTest.class.getClassLoader());
  }

  private static GatewayProperties.Partner partner(PartyKind kind, String identity, String ca, String id,
      PartnerChannel channel, String pullToken) {
    Path dev = Path.of("certs/dev");
    return new GatewayProperties.Partner(kind, identity, id, List.of(dev.resolve("ca/" + ca + ".pem")), List.of(),
        List.of(dev.resolve("partners/" + id + "/cert.pem")), null, Set.of(), false,
        GatewayProperties.RevocationPolicy.HARD_FAIL, null, List.of(), channel,
        new GatewayProperties.Delivery(channel == PartnerChannel.HTTP ? java.net.URI.create("http://127.0.0.1:9082/")
            : null, pullToken, 8, Duration.ofSeconds(5), Duration.ofMinutes(10), 2.0, Duration.ofHours(24)), List.of());
  }
}
