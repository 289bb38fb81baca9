package vn.customs.swg.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Decides which PULL partner an {@code Authorization: Bearer <token>} header belongs to, until TLS
 * client certificates take over (issue 8). Only partners whose channel is PULL count, with the
 * {@code delivery.pull-token} of the registry in force (so a reload rotates tokens). Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every PULL partner
 * without stopping at a match, so neither the time taken nor the answer tells an unauthenticated
 * caller how long a token is or which partners exist. A token configured for two partners
 * authenticates neither (fail closed). The token itself is never logged.
 */
final class PullTokenAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(PullTokenAuthenticator.class);
  private static final String BEARER = "Bearer ";

  private final PartnerDirectory partners;

  PullTokenAuthenticator(PartnerDirectory partners) {
    this.partners = partners;
  }

  /** The PULL partner this Authorization header authenticates, or empty for anything else. */
  Optional<Partner> authenticate(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
    List<Partner> matches = new ArrayList<>(1);
    for (Partner partner : partners.current().all()) {
      String token = partner.delivery() == null ? null : partner.delivery().pullToken();
      // Every PULL partner is compared, a match does not end the loop: constant work per request.
      if (partner.channel() == PartnerChannel.PULL && token != null
          && MessageDigest.isEqual(presented, sha256(token))) {
        matches.add(partner);
      }
    }
    if (matches.size() > 1) {
      log.error("one pull token is configured for partners {}: it authenticates none of them;"
          + " give each PULL partner its own delivery.pull-token",
          matches.stream().map(Partner::id).toList());
      return Optional.empty();
    }
    return matches.stream().findFirst();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
