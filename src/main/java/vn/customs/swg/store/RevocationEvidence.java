package vn.customs.swg.store;

import java.time.OffsetDateTime;

/**
 * The revocation answer a message was accepted on, stored with it.
 *
 * @param certificate SHA-256 fingerprint of the signing certificate
 * @param status GOOD, or UNAVAILABLE when accepted under a soft-fail policy
 * @param source OCSP or CRL, null when UNAVAILABLE
 * @param crlNumber the CRL number when a CRL answered
 * @param softFail true when accepted without an answer (partner policy soft-fail)
 * @param detail what answered, or why nothing did
 * @param ocspResponse DER of the OCSP response when OCSP answered
 */
public record RevocationEvidence(String certificate, String status, String source, OffsetDateTime thisUpdate,
    OffsetDateTime nextUpdate, String crlNumber, boolean softFail, String detail, byte[] ocspResponse) {}
