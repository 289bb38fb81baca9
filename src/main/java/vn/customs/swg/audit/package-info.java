/**
 * The tamper-evident audit log over the message events: {@link vn.customs.swg.audit.EventLog}
 * appends every event to its node's hash chain, {@link vn.customs.swg.audit.HeadSigner} signs each
 * node's chain head at intervals, and {@link vn.customs.swg.audit.ChainVerifier} reports the first
 * broken link of each chain (the {@code auditlog} endpoint and the {@code verify-log} command).
 * The format is {@link vn.customs.swg.audit.ChainFormat}; docs/audit-log.md says why it is built so
 * and what it cannot detect. The stores depend on this package, never the reverse.
 */
package vn.customs.swg.audit;
