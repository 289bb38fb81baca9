package vn.customs.swg.partner;

/** The {@code partyType} values of the envelope (ENVELOPE.md section 1). */
public enum PartyKind {
  MINISTRY,
  BANK,
  ASW_PARTNER,
  CUSTOMS,
  GATEWAY
}
