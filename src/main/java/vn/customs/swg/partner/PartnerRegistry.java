package vn.customs.swg.partner;

import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.trust.PartnerTrust;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * The partners the gateway talks to, read from {@code gateway.partners} and loaded once: trust
 * anchors, registered certificates and allowed types. It finds the partner a {@code From} claims
 * to be, and the partner a TLS client certificate is registered to (each certificate to one
 * partner, never one of its signing certificates). Start-up fails with a sentence naming the key to fix when an entry is inconsistent with
 * itself, with another partner, or with the message-type catalogue.
 */
public final class PartnerRegistry {

  private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private final Map<String, Partner> byId;
  private final Map<String, Partner> byKindAndIdentity;
  private final Map<String, Partner> byTlsClientFingerprint;

  public PartnerRegistry(Map<String, GatewayProperties.Partner> configured, MessageTypeCatalogue catalogue) {
    if (configured.isEmpty()) {
      throw new ConfigurationException(
          "gateway.partners is empty: register at least one partner (kind, identity, trust-anchors, certificates)");
    }
    Map<String, Partner> ids = new TreeMap<>();
    Map<String, Partner> identities = new HashMap<>();
    Map<String, Partner> tlsClients = new HashMap<>();
    configured.forEach((id, entry) -> {
      Partner partner = load(id, entry, catalogue);
      Partner clash = identities.put(key(partner.kind(), partner.identity()), partner);
      if (clash != null) {
        throw new ConfigurationException("gateway.partners." + id + ".identity: " + partner.kind() + " "
            + partner.identity() + " is already registered to partner " + clash.id() + "; identities are unique");
      }
      for (String fingerprint : partner.tlsClientFingerprints()) {
        Partner owner = tlsClients.put(fingerprint, partner);
        if (owner != null) {
          throw new ConfigurationException("gateway.partners." + id + ".tls-client-certificates: a certificate"
              + " (SHA-256 " + fingerprint + ") is already registered to partner " + owner.id()
              + "; a TLS client certificate names one partner, so give each partner its own");
        }
      }
      ids.put(id, partner);
    });
    this.byId = Map.copyOf(ids);
    this.byKindAndIdentity = Map.copyOf(identities);
    this.byTlsClientFingerprint = Map.copyOf(tlsClients);
  }

  private static Partner load(String id, GatewayProperties.Partner entry, MessageTypeCatalogue catalogue) {
    String key = "gateway.partners." + id;
    if (!PARTNER_ID.matcher(id).matches()) {
      throw new ConfigurationException(key + ": a partner id is lower case letters, digits and '-', e.g. vcb or asw-id");
    }
    if (entry.kind() == PartyKind.CUSTOMS || entry.kind() == PartyKind.GATEWAY) {
      throw new ConfigurationException(key + ".kind: " + entry.kind() + " is the gateway's own side, not a partner kind");
    }
    if (entry.trustAnchors().isEmpty()) {
      throw new ConfigurationException(key + ".trust-anchors: name the PEM file(s) of the CA(s) this partner's certificates chain to");
    }
    Set<TrustAnchor> anchors = new HashSet<>();
    for (Path file : entry.trustAnchors()) {
      for (X509Certificate anchor : PemCertificates.read(file, key + ".trust-anchors")) {
        anchors.add(new TrustAnchor(anchor, null));
      }
    }
    List<X509Certificate> intermediates = new ArrayList<>();
    for (Path file : entry.intermediates()) {
      intermediates.addAll(PemCertificates.read(file, key + ".intermediates"));
    }
    List<X509Certificate> registered = new ArrayList<>();
    Set<String> fingerprints = new HashSet<>();
    for (Path file : entry.certificates()) {
      // Only the first certificate of a file is the registered one; the rest may be its chain.
      X509Certificate certificate = PemCertificates.read(file, key + ".certificates").get(0);
      registered.add(certificate);
      fingerprints.add(PemCertificates.sha256Fingerprint(certificate));
    }
    Pattern subjectPattern = compile(key, entry.subjectPattern());
    if (fingerprints.isEmpty() && subjectPattern == null) {
      throw new ConfigurationException(key + ": register the partner's signing certificate(s) under certificates,"
          + " or a subject-pattern its certificates' subject must match");
    }
    for (String type : entry.allowedMessageTypes()) {
      MessageType messageType = catalogue.find(type).orElseThrow(() -> new ConfigurationException(
          key + ".allowed-message-types: " + type + " is not in gateway.message-types; add it there or remove it here"));
      if (!messageType.inbound() || !messageType.senderKinds().contains(entry.kind())) {
        throw new ConfigurationException(key + ".allowed-message-types: " + type
            + " may not be sent by a " + entry.kind() + " (see gateway.message-types." + type + ".sender-kinds)");
      }
    }
    checkRevocationSources(key, entry);
    checkDelivery(key, entry);
    Set<String> tlsClientFingerprints = new HashSet<>();
    for (Path file : entry.tlsClientCertificates()) {
      X509Certificate certificate = PemCertificates.read(file, key + ".tls-client-certificates").get(0);
      String fingerprint = PemCertificates.sha256Fingerprint(certificate);
      // TLS trust is kept apart from message-signature trust (ARCHITECTURE.md, "Keys"): a key that
      // signs messages does not also open the connection, so losing one does not give away both.
      if (fingerprints.contains(fingerprint)) {
        throw new ConfigurationException(key + ".tls-client-certificates: " + file + " is also registered under"
            + " certificates (message signatures); register a separate TLS client certificate");
      }
      tlsClientFingerprints.add(fingerprint);
    }
    PartnerTrust trust = new PartnerTrust(Set.copyOf(anchors), List.copyOf(intermediates), entry.revocation(),
        new RevocationSources(entry.ocspUrl(), entry.crlUrls()));
    return new Partner(id, entry.kind(), entry.identity(), entry.name(), trust, List.copyOf(registered),
        Set.copyOf(fingerprints), subjectPattern, Set.copyOf(entry.allowedMessageTypes()), entry.legacySha1(),
        entry.channel(), entry.delivery(), Set.copyOf(tlsClientFingerprints));
  }

  private static void checkDelivery(String key, GatewayProperties.Partner entry) {
    GatewayProperties.Delivery delivery = entry.delivery();
    if (entry.channel() == GatewayProperties.PartnerChannel.HTTP && delivery.url() != null
        && !List.of("http", "https").contains(String.valueOf(delivery.url().getScheme()))) {
      throw new ConfigurationException(key + ".delivery.url: " + delivery.url() + " must be an http(s) URL");
    }
    if (entry.channel() == GatewayProperties.PartnerChannel.PULL
        && (delivery.pullToken() == null || delivery.pullToken().length() < 16)) {
      throw new ConfigurationException(key + ".delivery.pull-token: a PULL partner needs a secret of at least"
          + " 16 characters to read its inbox (set it from the environment)");
    }
  }

  private static void checkRevocationSources(String key, GatewayProperties.Partner entry) {
    List<java.net.URI> sources = new ArrayList<>(entry.crlUrls());
    if (entry.ocspUrl() != null) {
      sources.add(entry.ocspUrl());
    }
    for (java.net.URI source : sources) {
      String scheme = source.getScheme() == null ? "" : source.getScheme();
      boolean file = scheme.equals("file");
      if (!(file || scheme.equals("http") || scheme.equals("https")) || (file && source == entry.ocspUrl())) {
        throw new ConfigurationException(key + ": revocation source " + source
            + " must be an http(s) URL (or, for crl-urls, a file: URL)");
      }
      if (file && !java.nio.file.Files.isRegularFile(RevocationSources.fileOf(source))) {
        throw new ConfigurationException(key + ".crl-urls: " + source + " does not exist; point it at the CA's CRL file");
      }
    }
  }

  private static Pattern compile(String key, String subjectPattern) {
    if (subjectPattern == null || subjectPattern.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(subjectPattern);
    } catch (PatternSyntaxException e) {
      throw new ConfigurationException(key + ".subject-pattern: not a valid regular expression: " + e.getDescription(), e);
    }
  }

  private static String key(PartyKind kind, String identity) {
    return kind + "/" + identity;
  }

  public Optional<Partner> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The partner registered with this {@code partyType} and {@code identity}, if any. */
  public Optional<Partner> findByIdentity(PartyKind kind, String identity) {
    return Optional.ofNullable(byKindAndIdentity.get(key(kind, identity)));
  }

  /** The partner this TLS client certificate is registered to, if any. */
  public Optional<Partner> findByTlsClientCertificate(X509Certificate certificate) {
    return Optional.ofNullable(byTlsClientFingerprint.get(PemCertificates.sha256Fingerprint(certificate)));
  }

  public Collection<Partner> all() {
    return byId.values();
  }
}
