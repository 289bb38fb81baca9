package vn.customs.swg.admission;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Decides whether a DOM element conforms to a schema from the classpath folder {@code schemas/}
 * (packaged from the project's top-level {@code schemas/}). Each schema is compiled once, on
 * first use, by a hardened factory: secure processing, no DTD in schema documents, no external
 * access, imports and includes resolved only inside the schema folder
 * ({@link ClasspathSchemaResolver}). A compiled {@link Schema} is immutable and shared; a fresh
 * {@link Validator} is made per call because validators are not thread-safe and cost little
 * next to the schema. A violation becomes a {@link MessageRejectedException} with the caller's
 * error code, the first error the validator found and the element's location.
 */
public final class SchemaRegistry {

  /** The classpath folder the pom copies {@code schemas/} into. */
  public static final String DEFAULT_ROOT = "schemas/";

  private static final String LOCALE = "http://apache.org/xml/properties/locale";

  private final ClasspathSchemaResolver resolver;
  private final ConcurrentMap<String, Schema> schemas = new ConcurrentHashMap<>();

  /** Schemas from {@value #DEFAULT_ROOT} on this class's class loader. */
  public SchemaRegistry() {
    this(SchemaRegistry.class.getClassLoader(), DEFAULT_ROOT);
  }

  /**
   * @param classLoader where schema resources are looked up
   * @param root the resource folder that holds every schema and everything they import, ending in '/'
   */
  public SchemaRegistry(ClassLoader classLoader, String root) {
    Objects.requireNonNull(classLoader, "classLoader");
    if (root == null || root.isEmpty() || !root.endsWith("/") || root.startsWith("/")) {
      throw new IllegalArgumentException("schema root must be a relative resource folder ending in '/'");
    }
    this.resolver = new ClasspathSchemaResolver(classLoader, root);
  }

  /**
   * The compiled schema for a resource such as {@code schemas/envelope/envelope-1.xsd}, compiled
   * on first use. A missing or broken schema is a deployment fault: {@link IllegalStateException}.
   */
  public Schema schema(String resourceName) {
    Objects.requireNonNull(resourceName, "resourceName");
    return schemas.computeIfAbsent(resourceName, this::compile);
  }

  /**
   * Validates one element (with its subtree) against a schema, which must declare it as a global
   * element.
   *
   * @throws MessageRejectedException with {@code codeOnFailure} at the first violation
   */
  public void validate(String resourceName, Element element, ErrorCode codeOnFailure) {
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(codeOnFailure, "codeOnFailure");
    Validator validator = schema(resourceName).newValidator();
    FirstViolation violation = new FirstViolation(validator);
    try {
      // the instance may not pull anything in (xsi:schemaLocation is ignored by a compiled
      // Schema anyway; these make sure)
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
        throw new ClasspathSchemaResolver.SchemaLoadingException("validation may not load resources");
      });
      englishMessages(validator);
      validator.setErrorHandler(violation);
      validator.validate(new DOMSource(element));
    } catch (SAXException | ClasspathSchemaResolver.SchemaLoadingException e) {
      throw new MessageRejectedException(codeOnFailure, violation.reason(e), violation.location(element), null);
    } catch (IOException e) {
      throw new IllegalStateException("validation of a DOM tree cannot do I/O", e);
    }
  }

  private Schema compile(String resourceName) {
    SchemaFactory factory = SchemaFactory.newDefaultInstance();
    try (InputStream in = resolver.open(resourceName)) {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      // nothing is fetched by the factory itself: every import goes through the resolver
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setResourceResolver(resolver);
      factory.setErrorHandler(new FirstViolation(null));
      return factory.newSchema(new StreamSource(in, ClasspathSchemaResolver.systemIdOf(resourceName)));
    } catch (SAXException | IOException | RuntimeException e) {
      throw new IllegalStateException("cannot compile schema " + resourceName + ": " + rootMessage(e), e);
    }
  }

  private static void englishMessages(Validator validator) {
    try {
      // the reason goes to partners in an English text field, whatever the server's locale
      validator.setProperty(LOCALE, Locale.ENGLISH);
    } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
      // a validator without the property still validates; the reason is then localised
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
