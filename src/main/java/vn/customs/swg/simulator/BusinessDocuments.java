package vn.customs.swg.simulator;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.w3c.dom.Element;
import vn.customs.swg.schema.acdd.Acdd;
import vn.customs.swg.schema.acdd.response.AcddResponse;
import vn.customs.swg.schema.dossier.DossierStatus;
import vn.customs.swg.schema.eformd.EFormD;
import vn.customs.swg.schema.eformd.status.EFormDStatus;
import vn.customs.swg.schema.licence.LicenceResult;
import vn.customs.swg.schema.payment.confirmation.TaxPaymentConfirmation;
import vn.customs.swg.schema.payment.notice.TaxPaymentNotice;

/**
 * Turns the business documents the simulator reads and writes into the JAXB classes generated
 * from schemas/ and back. Reading works on a DOM element that was already parsed by the hardened
 * parser, so JAXB never parses bytes itself. Writing marshals into the reply's Body element with
 * the prefixes of the examples (tpc, dst, fds, acr) so a demo reader sees familiar XML. One JAXB
 * context per document type, built once and thread-safe; marshallers and unmarshallers are made
 * per call because they are not.
 */
final class BusinessDocuments {

  // the glassfish runtime's prefix hook (jaxb-runtime is the JAXB implementation in the pom)
  private static final String PREFIX_MAPPER = "org.glassfish.jaxb.namespacePrefixMapper";
  private static final Map<String, String> PREFIXES = Map.of(
      "urn:vn:customs:swg:tax-payment-confirmation:1", "tpc",
      "urn:vn:customs:swg:dossier-status:1", "dst",
      "urn:vn:customs:swg:eform-d-status:1", "fds",
      "urn:vn:customs:swg:acdd-response:1", "acr");

  private final Map<Class<?>, JAXBContext> contexts;

  BusinessDocuments() {
    Map<Class<?>, JAXBContext> built = new HashMap<>();
    for (Class<?> type : List.of(TaxPaymentNotice.class, LicenceResult.class, EFormD.class, Acdd.class,
        TaxPaymentConfirmation.class, DossierStatus.class, EFormDStatus.class, AcddResponse.class)) {
      try {
        // one context per document: a shared one would declare every namespace it knows on each reply
        built.put(type, JAXBContext.newInstance(type));
      } catch (JAXBException e) {
        throw new IllegalStateException("cannot build the JAXB context of " + type.getName(), e);
      }
    }
    contexts = Map.copyOf(built);
  }

  /** The document in {@code element} as {@code type}; anything else is {@link UnansweredMessageException}. */
  <T> T read(Element element, Class<T> type) {
    Object document;
    try {
      document = context(type).createUnmarshaller().unmarshal(element);
    } catch (JAXBException e) {
      throw new UnansweredMessageException("the body is not a " + type.getSimpleName() + " document", e);
    }
    if (!type.isInstance(document)) {
      throw new UnansweredMessageException("the body is a " + document.getClass().getSimpleName()
          + " document, expected " + type.getSimpleName());
    }
    return type.cast(document);
  }

  /** Marshals {@code document} as the last child of {@code parent}. */
  void write(Object document, Element parent) {
    try {
      Marshaller marshaller = context(document.getClass()).createMarshaller();
      marshaller.setProperty(PREFIX_MAPPER, new NamespacePrefixMapper() {
        @Override
        public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
          return PREFIXES.getOrDefault(namespaceUri, suggestion);
        }
      });
      marshaller.marshal(document, parent);
    } catch (JAXBException e) {
      throw new UnansweredMessageException("cannot write the reply document " + document.getClass().getSimpleName(), e);
    }
  }

  private JAXBContext context(Class<?> type) {
    JAXBContext context = contexts.get(type);
    if (context == null) {
      throw new IllegalArgumentException("the simulator has no JAXB context for " + type.getName());
    }
    return context;
  }
}
