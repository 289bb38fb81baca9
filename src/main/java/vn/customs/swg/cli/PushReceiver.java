package vn.customs.swg.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * What the partner endpoint of {@code serve} decides about one pushed envelope, in this order:
 * readable (hardened parse, SWG-ENV-001) with a valid messageId (SWG-ENV-002); signed by the
 * gateway, every signature verifying and chaining to the {@code --verify-with} CAs
 * ({@link EnvelopeChecker}; SWG-SEC-001 when there is no SystemSignature, else the failing
 * check's code, SWG-SEC-002 by default); addressed to this partner (SWG-RTE-001); new, or the
 * same bytes again (DUPLICATE; other bytes under a saved messageId: SWG-DUP-001). Only then is it
 * saved, as {@code <messageId>.xml} in the output folder, written to a temporary file and moved
 * into place so a reader never sees half a message. Every answer is a receipt signed by the
 * partner; a failure to save is REJECTED with the retryable SWG-SYS-001, so the gateway sends again.
 */
final class PushReceiver {

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ERROR_CODE = Pattern.compile("^(SWG-[A-Z]{3}-[0-9]{3})\\b");

  /**
   * One pushed envelope's outcome.
   *
   * @param status ACCEPTED, DUPLICATE or REJECTED
   * @param messageId the received messageId, or null when it could not be read
   * @param saved the file written, or null
   * @param reason why it was rejected (for the console), or null
   */
  record Result(String status, String messageId, String messageType, List<ErrorCode> errors, Path saved,
      String reason, byte[] receipt) {

    boolean retryable() {
      return errors.stream().anyMatch(ErrorCode::retryable);
    }
  }

  private final EnvelopeChecker checker;
  private final PartnerReceiptFactory receipts;
  private final String identity;
  private final Path out;
  private final Clock clock;

  PushReceiver(EnvelopeChecker checker, PartnerReceiptFactory receipts, String identity, Path out, Clock clock) {
    this.checker = checker;
    this.receipts = receipts;
    this.identity = identity;
    this.out = out;
    this.clock = clock;
  }

  Result receive(byte[] envelope) {
    OffsetDateTime receivedAt = OffsetDateTime.now(clock);
    Document document;
    try {
      document = checker.parse(envelope);
    } catch (MessageRejectedException e) {
      return rejected(receivedAt, null, null, e.errorCode(), e.getMessage());
    }
    String messageId = EnvelopeParts.text(document, "Header", "Reference", "messageId");
    String messageType = EnvelopeParts.text(document, "Header", "Subject", "messageType");
    if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
      return rejected(receivedAt, null, messageType, ErrorCode.ENV_002, "no valid Header/Reference/messageId");
    }
    List<EnvelopeChecker.Outcome> outcomes = checker.check(envelope);
    if (outcomes.stream().noneMatch(outcome -> outcome.signature().equals("SystemSignature"))) {
      return rejected(receivedAt, messageId, messageType, ErrorCode.SEC_001, "no SystemSignature: not from the gateway");
    }
    Optional<EnvelopeChecker.Outcome> failed = outcomes.stream().filter(outcome -> !outcome.verified()).findFirst();
    if (failed.isPresent()) {
      return rejected(receivedAt, messageId, messageType, codeOf(failed.get().reason()),
          failed.get().reason() + " (" + failed.get().signature() + ")");
    }
    String to = EnvelopeParts.text(document, "Header", "To", "identity");
    if (!identity.equals(to)) {
      return rejected(receivedAt, messageId, messageType, ErrorCode.RTE_001,
          "addressed to " + (to == null ? "nobody" : to) + ", not to " + identity);
    }
    Path file = out.resolve(messageId + ".xml");
    try {
      if (Files.exists(file)) {
        if (Arrays.equals(Files.readAllBytes(file), envelope)) {
          return result("DUPLICATE", receivedAt, messageId, messageType, List.of(), null, null);
        }
        return rejected(receivedAt, messageId, messageType, ErrorCode.DUP_001,
            file + " already holds other bytes under this messageId");
      }
      save(file, envelope);
    } catch (IOException e) {
      return rejected(receivedAt, messageId, messageType, ErrorCode.SYS_001, "cannot save " + file + ": " + e);
    }
    return result("ACCEPTED", receivedAt, messageId, messageType, List.of(), file, null);
  }

  private void save(Path file, byte[] envelope) throws IOException {
    Files.createDirectories(out);
    Path temporary = Files.createTempFile(out, ".receiving-", ".tmp");
    try {
      Files.write(temporary, envelope);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private Result rejected(OffsetDateTime receivedAt, String messageId, String messageType, ErrorCode code,
      String reason) {
    return result("REJECTED", receivedAt, messageId, messageType, List.of(code), null, reason);
  }

  private Result result(String status, OffsetDateTime receivedAt, String messageId, String messageType,
      List<ErrorCode> errors, Path saved, String reason) {
    byte[] receipt = receipts.build(status, receivedAt, messageId, errors);
    return new Result(status, messageId, messageType, errors, saved, reason, receipt);
  }

  /** The contract code a failed check starts its reason with; SWG-SEC-002 when there is none. */
  static ErrorCode codeOf(String reason) {
    var matcher = ERROR_CODE.matcher(reason == null ? "" : reason);
    if (matcher.find()) {
      try {
        return ErrorCode.ofCode(matcher.group(1));
      } catch (IllegalArgumentException e) {
        return ErrorCode.SEC_002;
      }
    }
    return ErrorCode.SEC_002;
  }
}
