package vn.customs.swg.trust.revocation;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a revocation answer already in memory may be reused: it is, for the same
 * (issuer, serial), until the expiry the checker gave it. At most {@code maxEntries} answers are
 * kept; when full, the oldest inserted goes first. A hit is one hash lookup and one time
 * comparison, lock-free and without crypto, because it sits on every message's path; writes (on a
 * miss, after a network fetch) take a short lock to keep the eviction order.
 */
final class AnswerCache {

  /**
   * The issuer certificate itself stands for "issuer fingerprint": equal certificates have equal
   * DER, which is what a fingerprint compares, but equality here needs no hashing (the JDK caches a
   * certificate's hash code and compares encodings without copying). The serial is unique per
   * issuer (RFC 5280 4.1.2.2), so the pair names one certificate, as an OCSP CertID does.
   */
  record Key(X509Certificate issuer, BigInteger serial) {}

  /**
   * A class, not a record, on purpose: entries are told apart by identity, so the conditional
   * removes below never drop a newer entry that happens to carry equal values.
   */
  private static final class Entry {
    private final Key key;
    private final RevocationAnswer answer;
    private final Instant expiresAt;

    Entry(Key key, RevocationAnswer answer, Instant expiresAt) {
      this.key = key;
      this.answer = answer;
      this.expiresAt = expiresAt;
    }

    Key key() {
      return key;
    }

    RevocationAnswer answer() {
      return answer;
    }

    Instant expiresAt() {
      return expiresAt;
    }
  }

  private final int maxEntries;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final Deque<Entry> insertionOrder = new ArrayDeque<>();

  AnswerCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The cached answer if it is still fresh at {@code now}, else null. */
  RevocationAnswer get(Key key, Instant now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (now.isBefore(entry.expiresAt())) {
      return entry.answer();
    }
    entries.remove(key, entry);
    return null;
  }

  void put(Key key, RevocationAnswer answer, Instant expiresAt, Instant now) {
    if (!now.isBefore(expiresAt)) {
      return;
    }
    Entry entry = new Entry(key, answer, expiresAt);
    synchronized (insertionOrder) {
      entries.put(key, entry);
      insertionOrder.addLast(entry);
      while (entries.size() > maxEntries) {
        Entry oldest = insertionOrder.pollFirst();
        if (oldest == null) {
          break;
        }
        // Conditional remove: the key may since hold a newer entry, which must stay.
        entries.remove(oldest.key(), oldest);
      }
      if (insertionOrder.size() > 2 * maxEntries + 64) {
        // Replaced and expired entries leave tombstones in the order; drop them now and then so
        // the order stays proportional to the cache.
        insertionOrder.removeIf(e -> entries.get(e.key()) != e);
      }
    }
  }

  int size() {
    return entries.size();
  }

  void clear() {
    synchronized (insertionOrder) {
      entries.clear();
      insertionOrder.clear();
    }
  }
}
