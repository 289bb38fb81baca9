package vn.customs.swg.admission;

import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Decides where a schema's {@code xs:import} and {@code xs:include} may load from: only a
 * relative location that stays inside the schema root folder on the classpath. Absolute URIs
 * (http, file, jar...), paths that climb out of the root, and unknown resources are refused, so
 * compiling a schema can never touch the network or the file system. Schema documents get the
 * synthetic system id {@code classpath:/<resource>}, which makes relative resolution plain
 * {@link URI} arithmetic, independent of how the classpath is packaged (folder, jar, Spring
 * Boot nested jar).
 */
final class ClasspathSchemaResolver implements LSResourceResolver {

  static final String SCHEME = "classpath:/";
  // letters, digits and the path punctuation of our schema folders; no '%', '?', '#', '\'
  private static final Pattern SAFE_LOCATION = Pattern.compile("[A-Za-z0-9._/\\-]{1,255}");

  private final ClassLoader classLoader;
  private final String root;

  ClasspathSchemaResolver(ClassLoader classLoader, String root) {
    this.classLoader = classLoader;
    this.root = root;
  }

  static String systemIdOf(String resourceName) {
    return SCHEME + resourceName;
  }

  /** Opens a schema resource under the root, or throws {@link SchemaLoadingException}. */
  InputStream open(String resourceName) {
    if (!resourceName.startsWith(root) || resourceName.contains("..") || !SAFE_LOCATION.matcher(resourceName).matches()) {
      throw new SchemaLoadingException("schema " + resourceName + " is not under " + root);
    }
    InputStream in = classLoader.getResourceAsStream(resourceName);
    if (in == null) {
      throw new SchemaLoadingException("schema " + resourceName + " is not on the classpath");
    }
    return in;
  }

  @Override
  public LSInput resolveResource(String type, String namespaceUri, String publicId, String systemId, String baseUri) {
    if (systemId == null) {
      // an import without schemaLocation: nothing to load, the namespace must be known otherwise
      return null;
    }
    String resourceName = resolve(systemId, baseUri);
    return new Input(systemIdOf(resourceName), open(resourceName));
  }

  private String resolve(String location, String baseUri) {
    if (!SAFE_LOCATION.matcher(location).matches() || location.startsWith("/")) {
      throw new SchemaLoadingException("schema location " + location + " is not a relative path");
    }
    if (baseUri == null || !baseUri.startsWith(SCHEME)) {
      throw new SchemaLoadingException("schema location " + location + " has no classpath base");
    }
    try {
      URI resolved = new URI(baseUri).resolve(new URI(location)).normalize();
      String path = resolved.getPath();
      if (!"classpath".equals(resolved.getScheme()) || path == null || !path.startsWith("/" + root)) {
        throw new SchemaLoadingException("schema location " + location + " leaves " + root);
      }
      return path.substring(1);
    } catch (URISyntaxException e) {
      throw new SchemaLoadingException("schema location " + location + " is not a valid URI");
    }
  }

  /** The loader's refusal; surfaces from SchemaRegistry as an IllegalStateException. */
  static final class SchemaLoadingException extends RuntimeException {
    SchemaLoadingException(String message) {
      super(message);
    }
  }

  private record Input(String systemId, InputStream byteStream) implements LSInput {
    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public InputStream getByteStream() {
      return byteStream;
    }

    @Override
    public Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setByteStream(InputStream byteStream) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setSystemId(String systemId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String publicId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseUri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {
      throw new UnsupportedOperationException();
    }
  }
}
