/**
 * HTTP push delivery of outbound messages (ARCHITECTURE.md, "One message, outbound"): a worker
 * claims due HTTP deliveries from the {@link vn.customs.swg.store.delivery.DeliveryStore}, posts
 * the envelope the gateway signed to the partner's endpoint, and counts it delivered only on a
 * receipt the partner signed under the same trust rules as its inbound messages; failures are
 * retried with the partner's backoff, then dead-lettered (FAILED_DELIVERY, the
 * {@code swg.outbound.dlq} queue) for an operator to replay through the {@code deadletters}
 * endpoint.
 */
package vn.customs.swg.delivery;
