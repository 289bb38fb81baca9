package vn.customs.swg.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;

/** A simulator on the real catalogue (application.yml) and schemas, with a fixed clock. */
final class SimulatorFixture {

  static final String LICENCE_RESULT = "schemas/ministry/licence-result/";
  static final String TAX_PAYMENT_NOTICE = "schemas/bank/tax-payment-notice/";
  static final String TAX_PAYMENT_CONFIRMATION = "schemas/bank/tax-payment-confirmation/";
  static final String EFORM_D = "schemas/asw/eform-d/";
  static final String ACDD = "schemas/asw/acdd/";
  static final String DOSSIER_STATUS = "schemas/ministry/dossier-status/";
  static final String ACDD_RESPONSE = "schemas/asw/acdd-response/";

  static final String DEFAULT_OFFICE = "02CI";
  /** 2026-11-22 23:41:09 in Ha Noi, two seconds after the example notice was sent. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T16:41:09Z"), ZoneId.of("Asia/Ho_Chi_Minh"));

  static final SchemaRegistry SCHEMAS = new SchemaRegistry();
  static final MessageTypeCatalogue CATALOGUE = catalogue();
  static final BusinessDocuments DOCUMENTS = new BusinessDocuments();

  /** Admission as the gateway does it; the examples carry fixed times, so any skew is allowed. */
  static final EnvelopeAdmission ADMISSION = new EnvelopeAdmission(HardenedXmlParser.withDefaults(), SCHEMAS,
      EnvelopeAdmission.ENVELOPE_SCHEMA, Duration.ofDays(36500), CLOCK);

  private SimulatorFixture() {}

  static BackendSimulator simulator() {
    DeclarationLedger ledger = DeclarationLedger.seeded();
    return new BackendSimulator(HardenedXmlParser.withDefaults(), SCHEMAS, CATALOGUE, DOCUMENTS,
        new ReplyWriter("TCHQ", DOCUMENTS, CLOCK), new PaymentDesk(ledger, CLOCK),
        new LicensingDesk(ledger, DEFAULT_OFFICE, CLOCK), new EFormDDesk(CLOCK), new AcddDesk(DEFAULT_OFFICE, CLOCK));
  }

  /** The example.xml of a message type's folder, as text. */
  static String example(String folder) {
    try (InputStream in = SimulatorFixture.class.getClassLoader().getResourceAsStream(folder + "example.xml")) {
      if (in == null) {
        throw new IllegalArgumentException("no example in " + folder);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example with one exact piece of text replaced; fails if the piece is not there. */
  static String alter(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException("no " + from + " in the text");
    }
    return text.replace(from, to);
  }

  /**
   * The example as the gateway puts it on a back-end queue: with a Routing block and signatures
   * after Body (their content does not matter to a back-end).
   */
  static String forwarded(String envelope) {
    return alter(envelope, "</swg:Body>", """
        </swg:Body>
          <swg:Routing Id="routing">
            <swg:gatewayId>swg-node-1</swg:gatewayId>
            <swg:receivedAt>2026-11-22T23:41:07.412+07:00</swg:receivedAt>
            <swg:channel>HTTP</swg:channel>
            <swg:partner>vcb</swg:partner>
            <swg:destination>customs.payments.in</swg:destination>
          </swg:Routing>
          <swg:Signatures>
            <swg:SystemSignature><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="system-signature"/></swg:SystemSignature>
          </swg:Signatures>""");
  }

  /** The body document of an envelope text as its JAXB class. */
  static <T> T body(String envelope, Class<T> type) {
    return DOCUMENTS.read(admit(envelope).bodyDocument(), type);
  }

  static AdmittedEnvelope admit(String envelope) {
    return ADMISSION.admit(envelope.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageTypeCatalogue catalogue() {
    try {
      MutablePropertySources sources = new MutablePropertySources();
      new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
          .forEach(sources::addLast);
      Map<String, GatewayProperties.MessageType> types = new Binder(ConfigurationPropertySources.from(sources))
          .bind("gateway.message-types", Bindable.mapOf(String.class, GatewayProperties.MessageType.class))
          .get();
      return new MessageTypeCatalogue(types, SimulatorFixture.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
