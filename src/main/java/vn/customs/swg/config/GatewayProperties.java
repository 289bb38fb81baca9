package vn.customs.swg.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import vn.customs.swg.partner.PartyKind;

/**
 * The whole {@code gateway.*} configuration tree. Defaults live here, in code, and are the safe
 * ones; partners and message types are data (see application.yml and application-dev.yml). The
 * registries built from this tree check it for consistency at start-up and refuse to start with a
 * sentence that says what to fix.
 *
 * @param nodeId id of this gateway node, written into {@code Routing/gatewayId} and every event
 * @param customsIdentity identity of Vietnam Customs, the only receiver of inbound messages
 * @param admission limits applied before anything else is looked at
 * @param trust certificate revocation, trust-material reload and expiry watch
 * @param pushTls the TLS client side of HTTP push to partners
 * @param audit the tamper-evident audit log: checkpoint signing (docs/audit-log.md)
 * @param retention how long message bytes and metadata are kept, and the purge job
 * @param dispatch recovery of accepted messages a node did not finish putting on their queue
 * @param broker additions to the embedded broker (off by default)
 * @param signingKey the gateway's own signing key (system signature on everything it emits)
 * @param partners partner registry, keyed by partner id (the id used in queues and tracking)
 * @param messageTypes message-type catalogue, keyed by messageType (upper snake case)
 * @param operators people who log in to the console, the admin API and the protected actuator
 *     endpoints, keyed by user name; none by default (nobody gets in until some are configured)
 */
@Validated
@ConfigurationProperties(prefix = "gateway")
public record GatewayProperties(
    @DefaultValue("swg-node-1") @NotBlank String nodeId,
    @DefaultValue("TCHQ") @NotBlank String customsIdentity,
    @DefaultValue @Valid Admission admission,
    @DefaultValue @Valid Trust trust,
    @DefaultValue @Valid PushTls pushTls,
    @DefaultValue @Valid Audit audit,
    @DefaultValue @Valid Retention retention,
    @DefaultValue @Valid Dispatch dispatch,
    @DefaultValue @Valid Broker broker,
    @NotNull(message = "set gateway.signing-key.keystore, .password and .alias to the gateway's PKCS#12 signing key")
        @Valid Keystore signingKey,
    @DefaultValue Map<String, @Valid Partner> partners,
    @DefaultValue Map<String, @Valid MessageType> messageTypes,
    @DefaultValue Map<String, @Valid Operator> operators) {

  /**
   * An operator account.
   *
   * @param password the password's hash in Spring Security's delegating format, the encoder's id
   *     in braces first, e.g. {@code {bcrypt}$2a$10$...}; never the password itself (the prod
   *     profile refuses {@code {noop}}), never logged
   * @param role AUDITOR reads (messages, statistics, partners, dead letters); OPERATOR may also
   *     replay dead letters and reload trust material
   */
  public record Operator(@NotBlank String password, @NotNull OperatorRole role) {
    @Override
    public String toString() {
      return "Operator[role=" + role + ", password=****]";
    }
  }

  /** What an operator may do; OPERATOR includes everything AUDITOR may. */
  public enum OperatorRole {
    /** Reads: message search and detail, downloads, statistics, partners, dead letters, metrics. */
    AUDITOR,
    /** Everything an auditor may, and the writes: replay dead letters, reload trust material. */
    OPERATOR
  }

  /**
   * Admission limits.
   *
   * @param maxMessageBytes size cap of one submission; 2 MB as in the 2025 tax-authority profile
   * @param maxElementDepth deepest element nesting accepted by the parser
   * @param maxAttributesPerElement most attributes one element may carry (attribute-flood defence)
   * @param maxClockSkew how far {@code sentAt} may lie from the gateway's clock, either way
   * @param maxInFlightBytes bytes of HTTP submissions checked at once (their declared lengths;
   *     the cap for one that declares none); the rest wait (docs/performance.md, "Memory at the size cap")
   * @param maxInFlightWait how long a submission waits for room before it is refused with SWG-SYS-002
   */
  public record Admission(
      @DefaultValue("2097152") @Positive int maxMessageBytes,
      @DefaultValue("64") @Positive int maxElementDepth,
      @DefaultValue("32") @Positive int maxAttributesPerElement,
      @DefaultValue("PT15M") @NotNull Duration maxClockSkew,
      @DefaultValue("4194304") @Positive int maxInFlightBytes,
      @DefaultValue("PT60S") @NotNull Duration maxInFlightWait) {}

  /**
   * A PKCS#12 keystore holding a private key and its certificate chain.
   *
   * @param keystore path of the .p12 file
   * @param password keystore and key password; from the environment in production, never logged
   * @param alias entry to use
   */
  public record Keystore(@NotNull Path keystore, @NotNull String password, @NotBlank String alias) {
    @Override
    public String toString() {
      return "Keystore[keystore=" + keystore + ", alias=" + alias + ", password=****]";
    }
  }

  /**
   * One partner of the registry.
   *
   * @param kind what the partner is; also its {@code From/partyType}
   * @param identity registered code, the {@code From/identity} it must send
   * @param name display name
   * @param trustAnchors PEM files of the CAs this partner's signing certificates must chain to;
   *     scoped to this partner, so a certificate from another domain's CA is refused
   * @param intermediates PEM files of intermediate CAs to build paths with (KeyInfo may add more)
   * @param certificates PEM files of the signing certificates registered for this partner
   * @param subjectPattern alternatively, a regular expression the signing certificate's subject DN
   *     (RFC 2253) must match in full, for partners that renew certificates often
   * @param allowedMessageTypes message types this partner may send
   * @param legacySha1 accept rsa-sha1 and sha1 digests from this partner for a transition period
   * @param revocation what to do when revocation status cannot be established
   * @param ocspUrl OCSP responder to ask instead of the certificate's AIA (allowed by being configured)
   * @param crlUrls CRL sources to use instead of the certificate's distribution points; http(s) or
   *     file URLs (a file source lets an offline installation load CRLs it is given)
   * @param channel how the partner connects: HTTP (posts to /api/v1/messages), JMS (puts envelopes
   *     on partner.&lt;id&gt;.in and reads receipts from partner.&lt;id&gt;.out on our broker) or PULL
   * @param delivery how messages from customs reach this partner on its channel
   * @param tlsClientCertificates PEM files of the TLS client certificates this partner connects
   *     with to the HTTPS endpoint (the first certificate of each file is the registered one);
   *     kept apart from {@code certificates} and {@code trust-anchors}, which are for message
   *     signatures only. On a TLS connection the certificate the partner presented says which
   *     partner is connecting, and a message whose {@code From} is another partner is refused with
   *     SWG-SEC-010. The server's trust store ({@code server.ssl.trust-store}) decides which CAs
   *     may issue them; this list decides whose they are. Empty: the partner cannot post over
   *     TLS (it may still use its JMS queues or pull inbox).
   */
  public record Partner(
      @NotNull PartyKind kind,
      @NotBlank String identity,
      @DefaultValue("") String name,
      @DefaultValue List<Path> trustAnchors,
      @DefaultValue List<Path> intermediates,
      @DefaultValue List<Path> certificates,
      String subjectPattern,
      @DefaultValue Set<String> allowedMessageTypes,
      @DefaultValue("false") boolean legacySha1,
      @DefaultValue("HARD_FAIL") RevocationPolicy revocation,
      URI ocspUrl,
      @DefaultValue List<URI> crlUrls,
      @DefaultValue("HTTP") PartnerChannel channel,
      @DefaultValue @Valid Delivery delivery,
      @DefaultValue List<Path> tlsClientCertificates) {}

  /**
   * Delivery of customs messages to one partner.
   *
   * @param url the partner's endpoint for HTTP push (POST of the signed envelope; the partner
   *     answers with a receipt it signed); required for channel HTTP
   * @param pullToken secret a PULL partner presents to read its inbox (from the environment in
   *     production, never logged); required for channel PULL
   * @param maxAttempts HTTP attempts before FAILED_DELIVERY and the dead-letter list
   * @param initialBackoff wait after the first failed attempt
   * @param maxBackoff longest wait between attempts
   * @param multiplier growth of the wait per failed attempt (jitter of plus or minus 20% on top)
   * @param maxAge give up after this long since the first attempt, whatever the count
   */
  public record Delivery(
      URI url,
      String pullToken,
      @DefaultValue("8") @Positive int maxAttempts,
      @DefaultValue("PT5S") @NotNull Duration initialBackoff,
      @DefaultValue("PT10M") @NotNull Duration maxBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("PT24H") @NotNull Duration maxAge) {
    @Override
    public String toString() {
      return "Delivery[url=" + url + ", pullToken=" + (pullToken == null ? "none" : "****") + ", maxAttempts="
          + maxAttempts + "]";
    }
  }

  /** How a partner connects to the gateway. */
  public enum PartnerChannel {
    HTTP,
    JMS,
    PULL
  }

  /**
   * TLS for HTTP push, kept apart from message-signature trust: the certificate the gateway shows
   * partner endpoints that require client authentication, and the CAs their servers are trusted
   * by. Both optional; without them the JVM's default trust store is used and no client
   * certificate is sent.
   *
   * @param keystore PKCS#12 with the gateway's TLS client key and certificate chain
   * @param keystorePassword its password (from the environment, never logged)
   * @param truststore PKCS#12 with the CA certificates of partner TLS servers
   * @param truststorePassword its password
   */
  public record PushTls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    @Override
    public String toString() {
      return "PushTls[keystore=" + keystore + ", truststore=" + truststore + ", passwords=****]";
    }
  }

  /**
   * The audit log over the message events (docs/audit-log.md).
   *
   * @param checkpointInterval how often this node signs its chain head, when it moved; events after
   *     the last checkpoint are hash-linked but not yet signed, so this bounds how much of the tail
   *     someone with write access to the database could rewrite undetected
   * @param trustedCertificates PEM files of earlier gateway signing certificates whose checkpoints
   *     stay genuine after a key rotation (the current certificate is always trusted)
   */
  public record Audit(
      @DefaultValue("PT5M") @NotNull Duration checkpointInterval,
      @DefaultValue List<Path> trustedCertificates) {}

  /**
   * Recovery of the crash window between recording a message ACCEPTED and recording it DISPATCHED
   * (inbound/DispatchSweeper). Every back-end send carries a duplicate-detection id, so sending a
   * message again is harmless while the broker's id cache (its {@code id-cache-size}) still holds
   * the id: size that cache for more than {@code grace} of peak traffic per queue.
   *
   * @param sweep whether this node sweeps (any number of nodes may; each message is claimed by one)
   * @param grace how long an accepted message may stay undispatched before a sweeper takes it
   *     over: longer than any live dispatch can take (the broker client's call timeout, 30 s by
   *     default, times the route's three attempts), so that a sweep never sends at the same moment
   *     as a working node: the broker's duplicate check does not catch two simultaneous sends
   * @param sweepInterval pause between two sweeps
   * @param batchSize most messages taken over per sweep
   * @param idCacheSize duplicate ids the embedded broker remembers per address (an external
   *     broker sets its own {@code id-cache-size} in broker.xml)
   */
  public record Dispatch(
      @DefaultValue("true") boolean sweep,
      @DefaultValue("PT2M") @NotNull Duration grace,
      @DefaultValue("PT5S") @NotNull Duration sweepInterval,
      @DefaultValue("100") @Positive int batchSize,
      @DefaultValue("100000") @Positive int idCacheSize) {}

  /**
   * Retention of stored messages (docs/audit-log.md, "Retention"). Off by default: purging deletes
   * evidence for good, and how long Customs must keep it is a records-policy decision the gateway
   * cannot make, so an operator turns it on with the periods that policy sets. The default periods
   * are long (five and ten years) so that turning it on without setting them deletes nothing a
   * customs audit could still ask for. Messages still in flight (ACCEPTED, SIGNED, DELIVERING) or
   * dead-lettered (FAILED_DELIVERY, which a replay needs whole) are never purged.
   *
   * @param enabled whether the purge job runs
   * @param bytesAfter age since receipt after which a finished message's original and signed bytes
   *     are purged (their SHA-256 stays, and a BYTES_PURGED event enters the chain); at least 30 days
   * @param metadataAfter age after which a finished message's record goes as well, once the chain
   *     prefix holding its events is older than a signed checkpoint of that age; not shorter than
   *     bytesAfter
   * @param purgeInterval pause between two purge runs
   * @param batchSize most messages purged or deleted per transaction
   */
  public record Retention(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("P1826D") @NotNull Duration bytesAfter,
      @DefaultValue("P3652D") @NotNull Duration metadataAfter,
      @DefaultValue("PT1H") @NotNull Duration purgeInterval,
      @DefaultValue("500") @Positive int batchSize) {

    /** The least bytes-after accepted: a typo such as PT400S must not purge yesterday's evidence. */
    public static final Duration MINIMUM = Duration.ofDays(30);

    public Retention {
      if (bytesAfter != null && bytesAfter.compareTo(MINIMUM) < 0) {
        throw new IllegalArgumentException("gateway.retention.bytes-after is " + days(bytesAfter) + ", under the 30 days"
            + " the gateway accepts: evidence is not purged that soon (write days as P400D)");
      }
      if (bytesAfter != null && metadataAfter != null && metadataAfter.compareTo(bytesAfter) < 0) {
        throw new IllegalArgumentException("gateway.retention.metadata-after (" + days(metadataAfter)
            + ") is shorter than gateway.retention.bytes-after (" + days(bytesAfter) + "): a message's record must"
            + " outlive its bytes, so set metadata-after to bytes-after or more");
      }
      if (purgeInterval != null && (purgeInterval.isNegative() || purgeInterval.isZero())) {
        throw new IllegalArgumentException("gateway.retention.purge-interval must be positive, was " + purgeInterval);
      }
    }

    /** A period as the policy is written: P400D rather than Duration's PT9600H. */
    public static String days(Duration period) {
      return period.toSeconds() % 86_400 == 0 && period.getNano() == 0 ? "P" + period.toDays() + "D"
          : period.toString();
    }
  }

  /**
   * Additions to the embedded broker ({@code spring.artemis.mode=embedded}); with an external
   * broker (the prod profile) they do nothing.
   *
   * @param loopbackAcceptor a TCP acceptor for processes on this host, beside the in-VM one
   * @param journalBufferTimeout how long the embedded broker's journal gathers writes before one
   *     sync to disk. Every persistent back-end send waits for that sync, so when traffic is light
   *     this is latency added to every accepted message. 500 µs, Artemis' own default for its
   *     AIO journal; its NIO default (3.33 ms, used where libaio is missing, as on the development
   *     machines) cost about a millisecond more per message (docs/performance.md). Nothing is
   *     acknowledged before its sync whatever the value: only how many syncs a second the disk
   *     sees changes, at most one per timeout.
   */
  public record Broker(
      @DefaultValue @Valid LoopbackAcceptor loopbackAcceptor,
      @DefaultValue("500us") @NotNull Duration journalBufferTimeout) {}

  /**
   * A CORE-protocol TCP acceptor on 127.0.0.1 for the embedded broker, so that a separate process
   * on the same host (the CLI's {@code bench --broker}, a test, a developer's JMS client) can read
   * the back-end queues. Off by default: the embedded broker has no users, so anything on the
   * host that reaches the port may read and write every queue. Never bound to another address.
   *
   * @param enabled whether the acceptor is added
   * @param port its TCP port on 127.0.0.1
   */
  public record LoopbackAcceptor(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("61616") @Positive int port) {}

  /** What a partner's messages get when no revocation answer can be had. */
  public enum RevocationPolicy {
    /** Refuse with SWG-SEC-008 (retryable, HTTP 503): the default, and what an auditor expects. */
    HARD_FAIL,
    /** Accept, flag the record and count it: for a partner whose CA is known to be unreliable. */
    SOFT_FAIL
  }

  /**
   * Certificate trust settings shared by all partners.
   *
   * @param revocation how revocation answers are fetched and cached
   * @param expiryWarning certificates and anchors expiring within this window are reported
   * @param reloadInterval how often trust files are checked for changes on disk
   */
  public record Trust(
      @DefaultValue @Valid Revocation revocation,
      @DefaultValue("P30D") @NotNull Duration expiryWarning,
      @DefaultValue("PT30S") @NotNull Duration reloadInterval) {}

  /**
   * Revocation fetching.
   *
   * @param timeout bound on one OCSP or CRL fetch, connection included
   * @param maxCrlBytes largest CRL accepted; a bigger one is unavailable, not half-read
   * @param allowedUrls URL prefixes a certificate's own AIA or CRL distribution point may point
   *     to; anything else is never fetched (configured ocsp-url and crl-urls are allowed as such)
   * @param cachePeriodWithoutNextUpdate how long to keep an answer that states no nextUpdate
   * @param cacheMaxEntries most OCSP answers and CRLs kept in memory
   * @param clockSkew tolerance when comparing thisUpdate and nextUpdate with the gateway clock
   */
  public record Revocation(
      @DefaultValue("PT3S") @NotNull Duration timeout,
      @DefaultValue("10485760") @Positive long maxCrlBytes,
      @DefaultValue List<String> allowedUrls,
      @DefaultValue("PT1H") @NotNull Duration cachePeriodWithoutNextUpdate,
      @DefaultValue("10000") @Positive int cacheMaxEntries,
      @DefaultValue("PT5M") @NotNull Duration clockSkew) {}

  /**
   * One message type of the catalogue.
   *
   * @param direction INBOUND (partner to customs) or OUTBOUND (customs to partner)
   * @param schema classpath resource of the body schema, e.g. schemas/bank/.../x-1.xsd
   * @param example classpath resource of an example envelope (documentation and consistency test)
   * @param queue back-end queue inbound messages of this type go to
   * @param senderKinds kinds of partner that may send this type
   */
  public record MessageType(
      @NotNull Direction direction,
      @NotBlank String schema,
      String example,
      String queue,
      @DefaultValue Set<PartyKind> senderKinds) {}

  /** Which way a message type travels through the gateway. */
  public enum Direction {
    INBOUND,
    OUTBOUND
  }
}
