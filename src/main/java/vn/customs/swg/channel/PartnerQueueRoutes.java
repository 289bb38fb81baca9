package vn.customs.swg.channel;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Starts one route from the receive-partner-queue template for every partner configured with
 * {@code channel: JMS}, once the route files are loaded. Partner queues are named from the
 * partner id, so which queues exist is configuration, not route files.
 */
@Component
public class PartnerQueueRoutes implements CamelContextConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PartnerQueueRoutes.class);
  static final String TEMPLATE = "receive-partner-queue";

  private final PartnerDirectory partners;

  public PartnerQueueRoutes(PartnerDirectory partners) {
    this.partners = partners;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    // Route files are loaded after this point; the routes are added once they are (below).
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {
    for (Partner partner : partners.current().all()) {
      if (partner.channel() == PartnerChannel.JMS) {
        try {
          camelContext.addRouteFromTemplate(TEMPLATE + "-" + partner.id(), TEMPLATE, Map.of("partnerId", partner.id()));
          log.info("partner {} connects by queue: {} in, {} out", partner.id(), partner.inboundQueue(),
              partner.outboundQueue());
        } catch (Exception e) {
          throw new IllegalStateException("cannot start the queue route of partner " + partner.id(), e);
        }
      }
    }
  }
}
