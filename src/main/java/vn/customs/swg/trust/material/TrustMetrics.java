package vn.customs.swg.trust.material;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vn.customs.swg.trust.material.ReloadOutcome.Result;

/**
 * Trust metrics. {@code swg.certificate.expiry.days}: one gauge per watched certificate, tagged
 * owner, role, subject and fingerprint (the fingerprint keeps apart an old and a renewed
 * certificate with the same subject, both registered during a roll-over), valued in days until
 * notAfter (fractional, negative once expired) at the time of the scrape; the set of gauges
 * follows each successful reload and gauges of certificates gone are removed.
 * {@code swg.trust.reload}: reload attempts, tagged outcome=success|failure.
 */
public final class TrustMetrics implements MeterBinder {

  static final String EXPIRY_DAYS = "swg.certificate.expiry.days";
  static final String RELOADS = "swg.trust.reload";

  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;

  public TrustMetrics(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    this.directory = directory;
    this.expiryWatch = expiryWatch;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Binding binding = new Binding(registry);
    binding.syncGauges();
    directory.onOutcome(binding::record);
  }

  /** The meters of one registry. */
  private final class Binding {

    private final MeterRegistry registry;
    private final Map<Result, Counter> reloads = new HashMap<>();
    private final Map<Meter.Id, Gauge> gauges = new HashMap<>();

    Binding(MeterRegistry registry) {
      this.registry = registry;
      for (Result result : Result.values()) {
        reloads.put(result, Counter.builder(RELOADS)
            .description("Trust material reload attempts")
            .tag("outcome", result.tag())
            .register(registry));
      }
    }

    void record(ReloadOutcome outcome) {
      reloads.get(outcome.result()).increment();
      if (outcome.succeeded()) {
        syncGauges();
      }
    }

    synchronized void syncGauges() {
      Set<Meter.Id> present = new HashSet<>();
      for (WatchedCertificate certificate : expiryWatch.watched()) {
        Gauge gauge = Gauge.builder(EXPIRY_DAYS, certificate, c -> expiryWatch.daysLeft(c.notAfter()))
            .description("Days until the certificate's notAfter; negative once expired")
            .baseUnit("days")
            .tag("owner", certificate.owner())
            .tag("role", certificate.role().tag())
            .tag("subject", certificate.subject())
            .tag("fingerprint", certificate.fingerprint())
            .strongReference(true)
            .register(registry);
        present.add(gauge.getId());
        gauges.put(gauge.getId(), gauge);
      }
      gauges.entrySet().removeIf(entry -> {
        if (present.contains(entry.getKey())) {
          return false;
        }
        registry.remove(entry.getValue());
        return true;
      });
    }
  }
}
