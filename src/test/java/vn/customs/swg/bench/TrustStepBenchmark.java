package vn.customs.swg.bench;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.PartnerTrust;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.TrustDecision;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * The trust step's cost per message with a warm revocation cache, as the gateway runs it for dev
 * partner vcb: PKIX path to its own CA, validity and key usage, and the revocation answer from its
 * CA's CRL. Run with bench/trust-step.sh; it prints the latency distribution (p50 is the target).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrustStepBenchmark {

  private CertificateTrustValidator validator;
  private X509Certificate signer;
  private PartnerTrust trust;

  @Setup
  public void warmUp() {
    Path dev = Path.of(System.getProperty("swg.dev.pki", "certs/dev"));
    signer = PemCertificates.read(dev.resolve("partners/vcb/cert.pem"), "bench").get(0);
    X509Certificate bankCa = PemCertificates.read(dev.resolve("ca/public-ca.pem"), "bench").get(0);
    URI crl = dev.resolve("crl/public-ca.crl").toAbsolutePath().toUri();
    trust = new PartnerTrust(Set.of(new TrustAnchor(bankCa, null)), List.of(), RevocationPolicy.HARD_FAIL,
        new RevocationSources(null, List.of(crl)));
    Clock clock = Clock.systemUTC();
    validator = new CertificateTrustValidator(clock, new RevocationChecker(new RevocationSettings(Duration.ofSeconds(3),
        10L << 20, List.of(), Duration.ofHours(1), 10_000, Duration.ofMinutes(5)), clock));
    if (validator.validate(signer, List.of(), trust).revocation() != TrustDecision.Revocation.GOOD) {
      throw new IllegalStateException("the dev PKI must give vcb a GOOD revocation answer");
    }
  }

  @Benchmark
  public TrustDecision trustStepWarmCache() {
    return validator.validate(signer, List.of(), trust);
  }
}
