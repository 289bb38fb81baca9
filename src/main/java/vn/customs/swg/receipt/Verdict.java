package vn.customs.swg.receipt;

import java.util.List;
import vn.customs.swg.ErrorCode;

/**
 * The gateway's answer to one submission, independent of transport: the signed receipt and the
 * status a channel maps it to (HTTP status, or the reply queue).
 *
 * @param httpStatus 202, or the status of the first error code
 * @param status receipt status
 * @param errors error codes on a rejection, empty otherwise
 * @param receipt the signed receipt envelope, UTF-8 bytes
 */
public record Verdict(int httpStatus, ReceiptStatus status, List<ErrorCode> errors, byte[] receipt) {

  public boolean retryable() {
    return errors.stream().anyMatch(ErrorCode::retryable);
  }
}
