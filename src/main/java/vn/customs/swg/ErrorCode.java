package vn.customs.swg;

/**
 * The error codes of the wire contract (ENVELOPE.md section 6), each with the HTTP status it maps
 * to (section 5), whether a resend can succeed, and its English and Vietnamese texts. Partners
 * build against these codes: add new ones, never rename or reword the meaning of existing ones.
 */
public enum ErrorCode {
  ENV_001("SWG-ENV-001", 400, false,
      "Not well-formed XML, wrong encoding, or a DTD or entity is present",
      "XML không đúng cú pháp, sai bảng mã, hoặc có DTD hay thực thể"),
  ENV_002("SWG-ENV-002", 400, false,
      "Envelope schema violation",
      "Phong bì thông điệp không đúng lược đồ"),
  ENV_003("SWG-ENV-003", 400, false,
      "Unsupported envelope version",
      "Phiên bản phong bì không được hỗ trợ"),
  ENV_004("SWG-ENV-004", 400, false,
      "Body schema violation for the message type",
      "Nội dung thông điệp không đúng lược đồ của loại thông điệp"),
  ENV_005("SWG-ENV-005", 413, false,
      "Message too large",
      "Thông điệp vượt quá kích thước cho phép"),
  ENV_006("SWG-ENV-006", 400, false,
      "sentAt is outside the allowed clock skew",
      "Thời điểm gửi (sentAt) lệch quá mức cho phép"),
  ENV_007("SWG-ENV-007", 400, false,
      "Gateway-only element (Routing, SystemSignature) sent by a partner",
      "Đối tác gửi phần tử chỉ dành cho cổng (Routing, SystemSignature)"),
  SEC_001("SWG-SEC-001", 403, false,
      "Sender signature missing",
      "Thiếu chữ ký số của bên gửi"),
  SEC_002("SWG-SEC-002", 403, false,
      "Signature value or digest does not verify",
      "Chữ ký số không hợp lệ"),
  SEC_003("SWG-SEC-003", 403, false,
      "Signature does not cover exactly Header and Body",
      "Chữ ký số không bao phủ đúng Header và Body"),
  SEC_004("SWG-SEC-004", 403, false,
      "Signature algorithm or key size not allowed",
      "Thuật toán chữ ký hoặc độ dài khóa không được phép"),
  SEC_005("SWG-SEC-005", 403, false,
      "Certificate does not chain to the partner's trust anchors",
      "Chứng thư số không thuộc chuỗi tin cậy của đối tác"),
  SEC_006("SWG-SEC-006", 403, false,
      "Certificate expired or not yet valid",
      "Chứng thư số đã hết hạn hoặc chưa có hiệu lực"),
  SEC_007("SWG-SEC-007", 403, false,
      "Certificate revoked",
      "Chứng thư số đã bị thu hồi"),
  SEC_008("SWG-SEC-008", 503, true,
      "Certificate revocation status unavailable",
      "Không xác định được trạng thái thu hồi của chứng thư số"),
  SEC_009("SWG-SEC-009", 403, false,
      "Certificate not registered for the From identity, or unknown sender",
      "Chứng thư số không được đăng ký cho bên gửi, hoặc bên gửi không xác định"),
  SEC_010("SWG-SEC-010", 403, false,
      "Transport identity does not match From",
      "Định danh kênh truyền không khớp với bên gửi"),
  RTE_001("SWG-RTE-001", 400, false,
      "Unknown receiver",
      "Bên nhận không xác định"),
  RTE_002("SWG-RTE-002", 400, false,
      "Unknown message type or no route",
      "Loại thông điệp không xác định hoặc không có tuyến xử lý"),
  RTE_003("SWG-RTE-003", 403, false,
      "Sender not allowed to send this message type",
      "Bên gửi không được phép gửi loại thông điệp này"),
  RTE_004("SWG-RTE-004", 503, true,
      "Back-end queue or store unavailable, resend the same message later",
      "Hàng đợi nghiệp vụ hoặc kho lưu trữ tạm thời không sẵn sàng, vui lòng gửi lại sau"),
  DUP_001("SWG-DUP-001", 409, false,
      "Same messageId already received with different content",
      "Mã thông điệp đã được dùng cho một nội dung khác"),
  SYS_001("SWG-SYS-001", 503, true,
      "Internal error, resend the same message later",
      "Lỗi hệ thống, vui lòng gửi lại sau"),
  SYS_002("SWG-SYS-002", 503, true,
      "Rate limited, resend later",
      "Vượt quá tần suất cho phép, vui lòng gửi lại sau");

  private final String code;
  private final int httpStatus;
  private final boolean retryable;
  private final String english;
  private final String vietnamese;

  ErrorCode(String code, int httpStatus, boolean retryable, String english, String vietnamese) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.english = english;
    this.vietnamese = vietnamese;
  }

  /** The code as it appears on the wire, e.g. {@code SWG-SEC-002}. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }

  public String english() {
    return english;
  }

  public String vietnamese() {
    return vietnamese;
  }

  /** Looks a wire code up; unknown codes are a programming error. */
  public static ErrorCode ofCode(String wireCode) {
    for (ErrorCode value : values()) {
      if (value.code.equals(wireCode)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown error code " + wireCode);
  }
}
