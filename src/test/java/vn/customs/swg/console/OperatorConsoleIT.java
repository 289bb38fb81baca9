package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.testsupport.Browser;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.OperatorLogin;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPartnerEndpoint;
import vn.customs.swg.trust.PemCertificates;

/**
 * The operator console in headless Chromium, against a whole gateway on a random port (embedded
 * broker, H2, dev partners and dev operator logins) fed with real signed messages: an operator
 * signs in, filters the message list, opens a rejected message and reads its codes, and replays a
 * dead letter to see it delivered; an auditor reads but cannot replay. vcb pushes to a test
 * endpoint on 127.0.0.1 that fails until told otherwise, with two attempts allowed, so a delivery
 * becomes a dead letter in about a second. Every test leaves a screenshot (testsupport.Browser).
 */
@ActiveProfiles("dev")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:swg-console;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.persistent=false",
    "spring.artemis.embedded.server-id=29",
    "gateway.delivery.poll-interval=200ms",
    "gateway.partners.vcb.delivery.max-attempts=2",
    "gateway.partners.vcb.delivery.initial-backoff=100ms",
    // Selenium warns that it has no DevTools bindings for this chromium: none are used.
    "logging.level.org.openqa.selenium=ERROR"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperatorConsoleIT {

  private static final TestPartnerEndpoint VCB_ENDPOINT = TestPartnerEndpoint.vcb();

  @DynamicPropertySource
  static void vcbEndpoint(DynamicPropertyRegistry registry) {
    registry.add("gateway.partners.vcb.delivery.url", () -> VCB_ENDPOINT.url().toString());
  }

  @AfterAll
  static void stopEndpoint() {
    VCB_ENDPOINT.close();
  }

  @RegisterExtension final Browser browser = new Browser();

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired MessageStore store;
  @Autowired DeliveryStore deliveries;
  @Autowired MeterRegistry meters;

  @AfterEach
  void endpointAnswersAgain() {
    VCB_ENDPOINT.recover();
  }

  @Test
  void operatorSignsInAfterAWrongPasswordIsRefused() {
    browser.open(url("/console/messages"));
    browser.visible(By.id("username"));
    assertThat(browser.driver().getCurrentUrl()).as("a page without a session asks for a login")
        .endsWith("/console/login");

    signIn(new OperatorLogin("operator", "not-the-password"));
    assertThat(browser.visible(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");

    signIn(OperatorLogin.OPERATOR);
    browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Messages"));
    assertThat(browser.driver().getCurrentUrl()).as("on the page asked for before signing in")
        .contains("/console/messages");
    assertThat(browser.find(By.className("user-name")).getText()).isEqualTo("operator");
    assertThat(browser.find(By.className("role")).getText()).isEqualTo("operator");
  }

  @Test
  void dashboardCountersFollowTheMessagesCountedWithoutAReload() {
    signIn(OperatorLogin.AUDITOR);
    WebElement accepted = browser.visible(By.cssSelector("[data-counter='ACCEPTED']"));
    long before = Long.parseLong(accepted.getText());
    ((JavascriptExecutor) browser.driver()).executeScript("window.sameDocument = true;");

    // As the metrics part of the gateway counts an accepted message (shared contract swg.messages).
    meters.counter(LiveCounters.METRIC, "direction", "INBOUND", "partner", "vcb", "type", "TAX_PAYMENT_NOTICE",
        "outcome", "ACCEPTED").increment(3);

    browser.await(ExpectedConditions.textToBe(By.cssSelector("[data-counter='ACCEPTED']"), Long.toString(before + 3)));
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.sameDocument === true;"))
        .as("refreshed in place by console.js, not by reloading the page").isEqualTo(true);
    assertThat(browser.find(By.cssSelector("#partner-counters tr[data-partner='vcb'] td")).getText())
        .as("vcb's ACCEPTED column").isNotEqualTo("0");
  }

  @Test
  void partnersPageShowsCertificatesWithFingerprintAndExpiry() {
    String vcbFingerprint = PemCertificates.sha256Fingerprint(
        PemCertificates.read(Path.of("certs/dev/partners/vcb/cert.pem"), "test").get(0));
    signIn(OperatorLogin.AUDITOR);

    browser.open(url("/console/partners"));

    WebElement vcb = browser.visible(By.id("partner-vcb"));
    assertThat(vcb.getText()).contains("Vietcombank", "BANK 01203001", "push to " + VCB_ENDPOINT.url(),
        "TAX_PAYMENT_NOTICE", PartnersController.grouped(vcbFingerprint), "signing certificate", "anchor");
    assertThat(browser.find(By.id("partner-moit")).getText()).contains("PULL", "pull inbox");
    assertThat(browser.find(By.id("partner-gateway")).getText()).contains("gateway");
  }

  @Test
  void filteringTheMessageListShowsOnlyMatchingRows() {
    GatewayClient gateway = new GatewayClient(port);
    String reference = "FT-CONSOLE-" + System.nanoTime();
    Document tagged = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(tagged, "documentReference", reference);
    byte[] taggedNotice = XmlOutput.toBytes(TestMessages.sign(tagged, DevPartner.load("vcb")));
    String taggedId = TestMessages.messageId(tagged);
    Document other = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));
    Document licence = TestMessages.sign(TestMessages.fresh("LICENCE_RESULT"), DevPartner.load("moit"));
    for (byte[] submission : List.of(taggedNotice, XmlOutput.toBytes(other), XmlOutput.toBytes(licence))) {
      assertThat(gateway.submit(submission).receiptStatus()).isEqualTo("ACCEPTED");
    }
    signIn(OperatorLogin.AUDITOR);

    browser.open(url("/console/messages"));
    new Select(browser.visible(By.id("f-partner"))).selectByValue("moit");
    new Select(browser.find(By.id("f-type"))).selectByValue("LICENCE_RESULT");
    browser.find(By.id("search")).click();
    // the unfiltered list has rows too: wait until the filtered page has replaced it
    browser.awaitPage("type=LICENCE_RESULT");

    List<WebElement> rows = browser.await(ExpectedConditions.numberOfElementsToBeMoreThan(
        By.cssSelector("tr.message-row"), 0));
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.findElement(By.className("sender")).getText()).isEqualTo("moit");
      assertThat(row.findElement(By.className("message-type")).getText()).isEqualTo("LICENCE_RESULT");
    });
    assertThat(browser.find(By.id("messages")).getText()).contains(TestMessages.messageId(licence))
        .doesNotContain(taggedId, TestMessages.messageId(other));
    browser.screenshot("OperatorConsoleIT.filter-by-partner-and-type");

    browser.find(By.id("f-document")).sendKeys(reference);
    new Select(browser.find(By.id("f-partner"))).selectByValue("");
    new Select(browser.find(By.id("f-type"))).selectByValue("");
    browser.find(By.id("search")).click();
    browser.awaitPage("documentReference=" + reference);

    browser.await(ExpectedConditions.textToBe(By.id("result-count"), "1 message"));
    assertThat(browser.find(By.cssSelector("tr.message-row .message-id")).getText()).isEqualTo(taggedId);
    String csv = fetchText(browser.find(By.id("csv-export")).getAttribute("href"));
    assertThat(csv).as("the export has the same filter").contains(taggedId)
        .doesNotContain(TestMessages.messageId(other), TestMessages.messageId(licence));
  }

  @Test
  void statisticsShowTodaysMessagesPerPartnerWithTheTopRejectionReasons() {
    GatewayClient gateway = new GatewayClient(port);
    assertThat(gateway.submit(TestMessages.signed("LICENCE_RESULT", DevPartner.load("moit"))).receiptStatus())
        .isEqualTo("ACCEPTED");
    Document unsigned = TestMessages.fresh("LICENCE_RESULT");
    assertThat(gateway.submit(XmlOutput.toBytes(unsigned)).errorCodes()).containsExactly(ErrorCode.SEC_001.code());
    signIn(OperatorLogin.AUDITOR);

    browser.open(url("/console/statistics"));

    WebElement reasons = browser.visible(By.id("top-rejections"));
    assertThat(reasons.getText()).contains(ErrorCode.SEC_001.code(), ErrorCode.SEC_001.english(),
        ErrorCode.SEC_001.vietnamese());
    assertThat(browser.driver().findElements(By.cssSelector("svg.bars rect.seg-ACCEPTED"))).as("bars drawn").isNotEmpty();
    assertThat(browser.find(By.id("statistics-table")).getText()).contains("moit LICENCE_RESULT INBOUND");
  }

  @Test
  void rejectedMessageShowsItsErrorCodesInEnglishAndVietnamese() {
    Document notice = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));
    // changed after signing: the Header's digest no longer matches
    TestMessages.set(notice, "documentReference", "FT-ALTERED-AFTER-SIGNING");
    String messageId = TestMessages.messageId(notice);
    GatewayClient.Answer answer = new GatewayClient(port).submit(XmlOutput.toBytes(notice));
    assertThat(answer.errorCodes()).containsExactly(ErrorCode.SEC_002.code());
    signIn(OperatorLogin.AUDITOR);

    browser.open(url("/console/messages?state=REJECTED&messageId=" + messageId));
    browser.visible(By.cssSelector("tr.message-row .message-id a")).click();

    WebElement errors = browser.visible(By.id("errors"));
    assertThat(browser.find(By.id("message-state")).getText()).isEqualTo("REJECTED");
    assertThat(errors.getText()).contains(ErrorCode.SEC_002.code(), ErrorCode.SEC_002.english(),
        ErrorCode.SEC_002.vietnamese());
    assertThat(browser.find(By.cssSelector("#signatures tr[data-signature='SENDER']")).getText()).contains("REJECTED");
    assertThat(browser.find(By.id("download-original")).isDisplayed()).isTrue();
  }

  @Test
  void replayedDeadLetterIsDeliveredAndTheConsoleShowsIt() {
    VCB_ENDPOINT.failAlways();
    StoredMessage dead = deadLetterToVcb();
    long deliveryId = deliveries.findByMessage(dead.id()).orElseThrow().id();
    signIn(OperatorLogin.OPERATOR);
    browser.open(url("/console/dead-letters"));
    WebElement row = browser.visible(By.cssSelector("tr.dead-letter[data-delivery='" + deliveryId + "']"));
    assertThat(row.getText()).contains(dead.messageId(), "vcb", "TAX_PAYMENT_CONFIRMATION", "HTTP 500");
    browser.screenshot("OperatorConsoleIT.dead-letter-before-replay");

    VCB_ENDPOINT.recover();
    row.findElement(By.cssSelector("button.replay")).click();

    browser.await(ExpectedConditions.textToBe(By.id("message-state"), "DELIVERED"));
    browser.screenshot("OperatorConsoleIT.replayed-message-delivered");
    assertThat(browser.find(By.id("delivery")).getText()).as("the attempt after the replay")
        .contains("DELIVERED 200 receipt ACCEPTED");
    assertThat(store.find(dead.id()).orElseThrow().state()).isEqualTo(DeliveryStore.DELIVERED);
    assertThat(VCB_ENDPOINT.receivedMessageIds()).contains(dead.messageId());
    browser.open(url("/console/dead-letters"));
    assertThat(browser.find(By.id("dead-letters")).getText()).doesNotContain(dead.messageId());
  }

  @Test
  void auditorSeesNoReplayButtonAndTheServerRefusesItsReplay() {
    VCB_ENDPOINT.failAlways();
    StoredMessage dead = deadLetterToVcb();
    long deliveryId = deliveries.findByMessage(dead.id()).orElseThrow().id();
    signIn(OperatorLogin.AUDITOR);
    browser.open(url("/console/dead-letters"));

    WebElement row = browser.visible(By.cssSelector("tr.dead-letter[data-delivery='" + deliveryId + "']"));
    assertThat(row.findElements(By.cssSelector("button.replay"))).as("no replay button for an auditor").isEmpty();
    assertThat(browser.find(By.className("role")).getText()).isEqualTo("auditor, read only");

    // The POST the button would make, with the auditor's session and a valid CSRF token.
    Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        var body = new URLSearchParams();
        body.append('_csrf', document.querySelector('input[name=_csrf]').value);
        fetch(arguments[0], {method: 'POST', body: body, credentials: 'same-origin', redirect: 'manual'})
          .then(function (response) { done(response.status); })
          .catch(function (error) { done('failed: ' + error); });""",
        url("/console/dead-letters/" + deliveryId + "/replay"));

    assertThat(status).isEqualTo(403L);
    assertThat(deliveries.find(deliveryId).orElseThrow().state()).isEqualTo(DeliveryStore.FAILED_DELIVERY);
  }

  /** A payment confirmation to vcb whose two attempts both fail: FAILED_DELIVERY, a dead letter. */
  private StoredMessage deadLetterToVcb() {
    Document notice = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));
    assertThat(new GatewayClient(port).submit(XmlOutput.toBytes(notice)).receiptStatus()).isEqualTo("ACCEPTED");
    Document reply = TestMessages.backendReply("TAX_PAYMENT_CONFIRMATION", TestMessages.messageId(notice));
    String replyId = TestMessages.messageId(reply);
    jmsTemplate.send("swg.outbound", session -> session.createTextMessage(
        new String(XmlOutput.toBytes(reply), StandardCharsets.UTF_8)));
    String state = null;
    for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; sleep(100)) {
      state = store.findOutbound("vcb", replyId).map(StoredMessage::state).orElse(null);
      if (DeliveryStore.FAILED_DELIVERY.equals(state)) {
        return store.findOutbound("vcb", replyId).orElseThrow();
      }
    }
    throw new AssertionError("the confirmation " + replyId + " to vcb did not become a dead letter; last state " + state);
  }

  /** GETs a console URL from inside the page, with the page's session, and returns the body. */
  private String fetchText(String url) {
    return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(function (response) { return response.text(); })
          .then(done, function (error) { done('failed: ' + error); });""", url);
  }

  private void signIn(OperatorLogin login) {
    browser.open(url("/console/login"));
    browser.visible(By.id("username")).sendKeys(login.username());
    browser.find(By.id("password")).sendKeys(login.password());
    browser.find(By.id("sign-in")).click();
    browser.await(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.className("user-name")),
        ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
