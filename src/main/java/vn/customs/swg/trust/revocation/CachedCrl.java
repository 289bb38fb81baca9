package vn.customs.swg.trust.revocation;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One parsed CRL as fetched from one URL, shared by every certificate that points there until its
 * nextUpdate. It remembers which issuer keys its signature was already verified with, so a large
 * CRL is hashed once per issuer rather than once per certificate.
 *
 * @param url where it was fetched from
 * @param crl the parsed CRL; complete, direct, not a delta (checked when loaded)
 * @param crlNumber the CRL Number extension (RFC 5280 5.2.3), null if absent
 * @param thisUpdate the CRL's thisUpdate
 * @param nextUpdate the CRL's nextUpdate (always present: a CRL without one is not used)
 */
record CachedCrl(URI url, X509CRL crl, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate,
    Set<PublicKey> verifiedWith) {

  CachedCrl(URI url, X509CRL crl, BigInteger crlNumber) {
    this(url, crl, crlNumber, crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(),
        ConcurrentHashMap.newKeySet());
  }
}
