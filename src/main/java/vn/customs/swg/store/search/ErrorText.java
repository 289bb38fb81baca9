package vn.customs.swg.store.search;

import vn.customs.swg.ErrorCode;

/**
 * An error code with what it means, in English and Vietnamese, from the wire contract
 * ({@link ErrorCode}). A code the contract does not know (written by a newer gateway version, or
 * a record clipped on write) keeps its text null rather than hiding the code.
 */
public record ErrorText(String code, String english, String vietnamese, Integer httpStatus, Boolean retryable) {

  public static ErrorText of(String code) {
    for (ErrorCode known : ErrorCode.values()) {
      if (known.code().equals(code)) {
        return new ErrorText(code, known.english(), known.vietnamese(), known.httpStatus(), known.retryable());
      }
    }
    return new ErrorText(code, null, null, null, null);
  }
}
