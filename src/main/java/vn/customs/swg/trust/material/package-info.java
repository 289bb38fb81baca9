/**
 * Trust material at run time: the partner registry reloaded without a restart, and the watch on
 * certificates about to expire. {@link vn.customs.swg.trust.material.PartnerDirectory} holds the
 * registry in force and swaps in a new one only when every file of it loaded; a broken file never
 * replaces a good one, and the failure stays visible (log, health, {@code /actuator/trust}) until
 * the next good reload. {@link vn.customs.swg.trust.material.TrustFileWatcher} reloads when a file
 * changes on disk; {@link vn.customs.swg.trust.material.TrustEndpoint} reloads on an operator's
 * call. {@link vn.customs.swg.trust.material.CertificateExpiryWatch} lists the partner, anchor,
 * intermediate and gateway certificates expiring within {@code gateway.trust.expiry-warning},
 * reported by {@link vn.customs.swg.trust.material.TrustHealthIndicator} and
 * {@link vn.customs.swg.trust.material.TrustMetrics}.
 *
 * <p>What callers must still do: read {@link vn.customs.swg.trust.material.PartnerDirectory#current()}
 * once per message and use that one registry for the whole message (a reload between two steps
 * must not mix two generations); clear anything they cached from the old material in an
 * {@code onReload} listener. The gateway's own signing key is not reloaded here (it is watched for
 * expiry only).
 */
package vn.customs.swg.trust.material;
