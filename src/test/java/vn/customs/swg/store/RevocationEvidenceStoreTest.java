package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The revocation answer an accepted message rests on is kept with it, in the same transaction. */
class RevocationEvidenceStoreTest {

  private final StoreFixture fixture = StoreFixture.inMemory();
  private final MessageStore store = fixture.store("swg-node-1");

  @Test
  void keepsTheOcspResponseAMessageWasAcceptedOn() {
    byte[] ocsp = {0x30, 0x03, 0x0a, 0x01, 0x00};
    OffsetDateTime thisUpdate = OffsetDateTime.of(2026, 11, 22, 16, 0, 0, 0, ZoneOffset.UTC);
    RevocationEvidence evidence = new RevocationEvidence("AB".repeat(32), "GOOD", "OCSP", thisUpdate,
        thisUpdate.plusHours(4), null, false, "OCSP good from http://ocsp.example", ocsp);

    StoredMessage stored = store.recordAccepted(StoreFixture.accepted("vcb", "VCB0001", "<x/>"), evidence);

    RevocationEvidence kept = store.revocationEvidence(stored.id()).orElseThrow();
    assertThat(kept.ocspResponse()).isEqualTo(ocsp);
    assertThat(kept.thisUpdate()).isEqualTo(thisUpdate);
    assertThat(kept).extracting(RevocationEvidence::status, RevocationEvidence::source, RevocationEvidence::softFail)
        .containsExactly("GOOD", "OCSP", false);
  }

  @Test
  void aDuplicateAcceptanceStoresNoSecondEvidence() {
    RevocationEvidence evidence = new RevocationEvidence("AB".repeat(32), "UNAVAILABLE", null, null, null, null,
        true, "responder down", null);
    store.recordAccepted(StoreFixture.accepted("vcb", "VCB0002", "<x/>"), evidence);

    assertThatThrownBy(() -> store.recordAccepted(StoreFixture.accepted("vcb", "VCB0002", "<x/>"), evidence))
        .isInstanceOf(DuplicateMessageException.class);
    assertThat(fixture.count("swg_revocation_evidence")).isEqualTo(1);
  }
}
