package vn.customs.swg.signature;

import org.apache.xml.security.Init;

/**
 * Initialises Apache Santuario once per JVM, before the first signature is read or written. It
 * decides nothing; {@link Init#init()} is synchronized and idempotent, so every entry point of
 * the package calls {@link #ensureInitialised()} without coordination.
 */
final class XmlSecurity {

  static {
    Init.init();
  }

  private XmlSecurity() {}

  /** Forces the static initialiser; calling it again costs nothing. */
  static void ensureInitialised() {
    // the class initialisation above does the work, exactly once, thread-safely (JLS 12.4.2)
  }
}
