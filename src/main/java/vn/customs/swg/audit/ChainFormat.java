package vn.customs.swg.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Version 1 of what the audit chain hashes and signs, byte for byte, so that anyone can recompute
 * it from the rows (docs/audit-log.md gives the same rules). Every field list is encoded
 * injectively: a null is {@code ~}, any other value is a netstring {@code <UTF-8 length>:<value>,},
 * so no two different field lists give the same bytes whatever the values contain. Times are UTC
 * at exactly microseconds, the precision both H2 and PostgreSQL keep, so a value hashed before it
 * was written hashes the same after a round trip through either database.
 */
public final class ChainFormat {

  /** The prev_hash of a node's first event. */
  public static final String GENESIS = "0".repeat(64);
  /** Width of {@code swg_message_event.detail}; longer details are cut before hashing. */
  public static final int DETAIL_WIDTH = 2000;

  static final String ENTRY_TAG = "swg-audit-entry/1";
  static final String MESSAGE_TAG = "swg-audit-message/1";
  static final String CHECKPOINT_TAG = "swg-audit-checkpoint/1";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private ChainFormat() {}

  /**
   * The entry hash of an event: SHA-256 over the encoding of the tag, prev_hash, node, chain_seq,
   * message_pk, message_digest, state, occurred_at and detail, in that order (message_pk and
   * message_digest are null for an event of the node itself).
   */
  public static String entryHash(String prevHash, String node, long seq, Long messagePk,
      String messageDigest, String state, OffsetDateTime occurredAt, String detail) {
    return sha256(fields(ENTRY_TAG, prevHash, node, Long.toString(seq), messagePk == null ? null : messagePk.toString(),
        messageDigest, state, time(occurredAt), detail));
  }

  /** The text a checkpoint signs: fixed-format fields, the node as a netstring. */
  public static String checkpointText(String node, long seq, String entryHash, OffsetDateTime signedAt) {
    return CHECKPOINT_TAG + " node=" + netstring(node) + " seq=" + seq + " hash=" + entryHash
        + " at=" + time(signedAt);
  }

  /** A time as the chain hashes it: UTC, microseconds, e.g. 2026-11-22T16:41:07.412000Z. */
  public static String time(OffsetDateTime time) {
    return time == null ? null : TIME.format(stored(time));
  }

  /** A time as it is written: UTC, cut to microseconds. */
  public static OffsetDateTime stored(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A detail as it is written and hashed: cut to {@link #DETAIL_WIDTH} characters without
   * splitting a surrogate pair, with NUL and unpaired surrogates replaced by U+FFFD. PostgreSQL
   * refuses NUL and stores text as UTF-8, where an unpaired surrogate cannot survive; replacing them
   * before hashing keeps what is stored and what was hashed equal.
   */
  public static String storedDetail(String detail) {
    if (detail == null) {
      return null;
    }
    StringBuilder clean = new StringBuilder(Math.min(detail.length(), DETAIL_WIDTH));
    for (int i = 0; i < detail.length() && clean.length() < DETAIL_WIDTH; i++) {
      char c = detail.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < detail.length()
          && Character.isLowSurrogate(detail.charAt(i + 1))) {
        if (clean.length() + 2 > DETAIL_WIDTH) {
          break;
        }
        clean.append(c).append(detail.charAt(++i));
      } else if (c == '\0' || Character.isSurrogate(c)) {
        clean.append('\uFFFD');
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  /** Lower-case hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Lower-case hex SHA-256 of bytes, null for null (no bytes stored). */
  public static String sha256OrNull(byte[] bytes) {
    return bytes == null ? null : sha256(bytes);
  }

  static String sha256(String encoded) {
    return sha256(encoded.getBytes(StandardCharsets.UTF_8));
  }

  /** The injective encoding of a field list. */
  static String fields(String... values) {
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      out.append(value == null ? "~" : netstring(value));
    }
    return out.toString();
  }

  private static String netstring(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length + ":" + value + ",";
  }
}
