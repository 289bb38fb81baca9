package vn.customs.swg.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.SecurityConfiguration;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.store.search.CsvExport;
import vn.customs.swg.store.search.DailyStatistics;
import vn.customs.swg.store.search.MessageFilter;
import vn.customs.swg.store.search.MessagePage;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.store.search.MessageSummary;
import vn.customs.swg.testsupport.OperatorLogin;

/**
 * The admin API's web layer with the real security configuration and the dev operator accounts:
 * roles, parameter binding, status codes and download headers. The services behind it are
 * stand-ins here; AdminApiIT runs the whole thing on a real message.
 */
@WebMvcTest(controllers = AdminApiController.class)
@Import({SecurityConfiguration.class, AdminApiControllerTest.FixedClock.class})
@EnableConfigurationProperties(GatewayProperties.class)
@ActiveProfiles("dev")
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AdminApiControllerTest {

  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  @TestConfiguration
  static class FixedClock {
    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), HANOI);
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean MessageSearch search;
  @MockitoBean DeadLetterReplay deadLetters;
  @MockitoBean PartnerOverview partners;

  @Test
  void anAuditorSearchesWithTheFilterAsTyped() throws Exception {
    when(search.zone()).thenReturn(HANOI);
    when(search.search(any(), anyInt(), anyInt())).thenReturn(new MessagePage(List.of(), 1, 20, 0));

    mvc.perform(get("/api/admin/messages").with(httpBasic("auditor", "dev-only-auditor"))
            .param("sender", "vcb").param("type", "TAX_PAYMENT_NOTICE").param("state", "rejected")
            .param("from", "2026-11-21").param("to", "2026-11-21").param("page", "1").param("size", "20"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.total").value(0));

    ArgumentCaptor<MessageFilter> filter = ArgumentCaptor.forClass(MessageFilter.class);
    verify(search).search(filter.capture(), eq(1), eq(20));
    assertThat(filter.getValue().sender()).isEqualTo("vcb");
    assertThat(filter.getValue().messageType()).isEqualTo("TAX_PAYMENT_NOTICE");
    assertThat(filter.getValue().state()).isEqualTo("REJECTED");
    assertThat(filter.getValue().receivedFrom()).isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
    assertThat(filter.getValue().receivedTo()).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
  }

  @Test
  void aValueThatCannotBeReadIsA400NamingTheParameter() throws Exception {
    when(search.zone()).thenReturn(HANOI);

    mvc.perform(get("/api/admin/messages").with(httpBasic("auditor", "dev-only-auditor")).param("from", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("from=yesterday is not a date")));
    verify(search, org.mockito.Mockito.never()).search(any(), anyInt(), anyInt());
  }

  @Test
  void withoutAnOperatorLoginNothingIsAnswered(org.springframework.boot.test.system.CapturedOutput output)
      throws Exception {
    mvc.perform(get("/api/admin/messages"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"swg-operators\""));
    mvc.perform(get("/api/admin/messages").header(HttpHeaders.AUTHORIZATION, OperatorLogin.PARTNER_BEARER))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/api/admin/messages").with(httpBasic("auditor", "dev-only-operator")))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(search);
    assertThat(output).contains("operator login failed for user 'auditor'").doesNotContain("dev-only-operator");
  }

  @Test
  void onlyAnOperatorReplaysAndTheReplayNamesThem() throws Exception {
    when(deadLetters.replay(7, "operator"))
        .thenReturn(new DeadLetterReplay.Replay(7, DeadLetterReplay.Result.REPLAYED, "DELIVERING", "operator"));
    when(deadLetters.replay(8, "operator"))
        .thenReturn(new DeadLetterReplay.Replay(8, DeadLetterReplay.Result.NOT_DEAD, "DELIVERED", "operator"));
    when(deadLetters.replay(9, "operator"))
        .thenReturn(new DeadLetterReplay.Replay(9, DeadLetterReplay.Result.UNKNOWN, null, "operator"));

    mvc.perform(post("/api/admin/deadletters/7/replay").with(httpBasic("auditor", "dev-only-auditor")))
        .andExpect(status().isForbidden());
    verifyNoInteractions(deadLetters);

    mvc.perform(post("/api/admin/deadletters/7/replay").with(httpBasic("operator", "dev-only-operator")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("REPLAYED"))
        .andExpect(jsonPath("$.by").value("operator"));
    mvc.perform(post("/api/admin/deadletters/8/replay").with(httpBasic("operator", "dev-only-operator")))
        .andExpect(status().isConflict());
    mvc.perform(post("/api/admin/deadletters/9/replay").with(httpBasic("operator", "dev-only-operator")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aBrowserCannotBeMadeToReplayWithCachedBasicCredentials() throws Exception {
    mvc.perform(post("/api/admin/deadletters/7/replay").with(httpBasic("operator", "dev-only-operator"))
            .header("Origin", "https://evil.example"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/admin/deadletters/7/replay").with(httpBasic("operator", "dev-only-operator"))
            .header("Sec-Fetch-Site", "cross-site"))
        .andExpect(status().isForbidden());
    verifyNoInteractions(deadLetters);
  }

  @Test
  void originalBytesDownloadAsAnXmlAttachmentNamedByMessageId() throws Exception {
    byte[] xml = "<swg:Envelope/>".getBytes(StandardCharsets.UTF_8);
    when(search.originalBytes(5)).thenReturn(Optional.of(xml));
    when(search.summary(5)).thenReturn(Optional.of(summary(5, "0120300112AB")));
    when(search.deliveredBytes(5)).thenReturn(Optional.empty());

    mvc.perform(get("/api/admin/messages/5/original").with(httpBasic("auditor", "dev-only-auditor")))
        .andExpect(status().isOk())
        .andExpect(content().contentType("application/xml"))
        .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"0120300112AB-original.xml\""))
        .andExpect(content().bytes(xml));
    mvc.perform(get("/api/admin/messages/5/delivered").with(httpBasic("auditor", "dev-only-auditor")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aHostileMessageIdDoesNotNameTheDownload() throws Exception {
    when(search.originalBytes(6)).thenReturn(Optional.of(new byte[] {'<', 'a', '/', '>'}));
    when(search.summary(6)).thenReturn(Optional.of(summary(6, "../../etc\"; x=.xml")));

    mvc.perform(get("/api/admin/messages/6/original").with(httpBasic("auditor", "dev-only-auditor")))
        .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"message-6-original.xml\""));
  }

  @Test
  void theCsvExportIsAnAttachment() throws Exception {
    when(search.zone()).thenReturn(HANOI);
    when(search.exportCsv(any(), any())).thenAnswer(call -> {
      Writer out = call.getArgument(1);
      out.write("\"id\"\r\n\"1\"\r\n");
      return new CsvExport(1, false, MessageSearch.EXPORT_LIMIT);
    });

    mvc.perform(get("/api/admin/messages/export.csv").with(httpBasic("auditor", "dev-only-auditor")).param("partner", "vcb"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/csv;charset=UTF-8"))
        .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"swg-messages.csv\""))
        .andExpect(content().string("\"id\"\r\n\"1\"\r\n"));
  }

  @Test
  void statisticsDefaultToTheLastSevenDaysInHanoi() throws Exception {
    when(search.zone()).thenReturn(HANOI);
    when(search.dailyStatistics(any(), any())).thenAnswer(call -> new DailyStatistics(call.getArgument(0),
        call.getArgument(1), HANOI, List.of(), List.of()));

    mvc.perform(get("/api/admin/statistics/daily").with(httpBasic("auditor", "dev-only-auditor")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.from").value("2026-11-16"))
        .andExpect(jsonPath("$.to").value("2026-11-22"));
    verify(search).dailyStatistics(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));
  }

  private static MessageSummary summary(long id, String messageId) {
    return new MessageSummary(id, "INBOUND", "vcb", messageId, "TAX_PAYMENT_NOTICE", "vcb", "TCHQ", "ACCEPTED",
        "HTTP", null, null, List.of(), Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-22T00:00:01Z"));
  }
}
